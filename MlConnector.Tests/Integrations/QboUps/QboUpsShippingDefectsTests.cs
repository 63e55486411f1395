using Microsoft.Extensions.DependencyInjection;
using MlConnector.Core.Audit;
using MlConnector.Core.Connections;
using MlConnector.Core.Integrations.QboUps;
using MlConnector.Core.Shipping.Ups;
using MlConnector.Core.Workflows;
using MlConnector.Tests.Integration;
using MlConnector.Tests.TestSupport;

namespace MlConnector.Tests.Integrations.QboUps;

/// <summary>
/// The two defects found by replaying real UPS responses, end to end through the shared UPS shipping piece on the host,
/// Azurite and the simulators: a shipment charged in another currency than the QBO company's home currency, a Ship
/// response without a label, and negotiated rates asked for but not returned.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public sealed class QboUpsShippingDefectsTests(AzuriteFixture azurite)
{
    [Theory]
    [InlineData("bill")]
    [InlineData("journal")]
    public async Task PurchaseOrder_CadShipmentToUsdCompanyWithMulticurrency_PostsInCadWithQbosRate(string costPosting)
    {
        // Arrange
        await using var sandbox = await QboUpsSandbox.StartAsync(azurite, costPosting);
        sandbox.Ups.SetAccountCurrency(QboUpsSandbox.ShipperNumber, "CAD");
        sandbox.Qbo.ConfigureCurrency(sandbox.RealmId, "USD", multiCurrencyEnabled: true);
        sandbox.Qbo.SetExchangeRate(sandbox.RealmId, "CAD", 0.7312m);
        var poId = sandbox.CreatePurchaseOrder("1301", "Mug Works", "12 Mill Rd");

        // Act
        await sandbox.Qbo.SendWebhooksAsync();
        var status = await WorkflowWait.ForAsync(sandbox.Workflows, QboUpsKeys.PurchaseOrderInstance(QboUpsSandbox.ConnectionId, poId));

        // Assert
        Assert.Equal(WorkflowRuntimeStatus.Completed, status.RuntimeStatus);
        var shipment = Assert.Single(sandbox.Ups.GetShipments());
        Assert.Equal("CAD", shipment.CurrencyCode);
        var row = Assert.Single(await sandbox.Shipments.GetBySourceAsync(QboUpsSandbox.ConnectionId, QboUpsNames.PurchaseOrderSource, poId));
        Assert.Equal(("CAD", shipment.TotalCharge), (row.CurrencyCode, row.Charge));
        var posted = Assert.Single(sandbox.Qbo.GetEntities(sandbox.RealmId, costPosting == "bill" ? "Bill" : "JournalEntry"));
        Assert.Equal("CAD", (string?)posted["CurrencyRef"]!["value"]);
        Assert.Equal(0.7312m, (decimal)posted["ExchangeRate"]!);
        Assert.Equal(shipment.TotalCharge, (decimal)posted["Line"]![0]!["Amount"]!);
        var audit = await AuditAsync(sandbox, poId);
        Assert.Contains(audit, a => a.Operation.StartsWith("qbo.", StringComparison.Ordinal) && a.Outcome == AuditOutcome.Succeeded && a.Detail!.Contains("CAD at 0.7312 USD per CAD", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PurchaseOrder_CadShipmentToUsdCompanyWithoutMulticurrency_FailsNamingCadPostsNothingAndPostsInCadOnceAfterReplay()
    {
        // Arrange
        await using var sandbox = await QboUpsSandbox.StartAsync(azurite);
        sandbox.Ups.SetAccountCurrency(QboUpsSandbox.ShipperNumber, "CAD");
        sandbox.Qbo.ConfigureCurrency(sandbox.RealmId, "USD", multiCurrencyEnabled: false);
        var poId = sandbox.CreatePurchaseOrder("1302", "Mug Works", "12 Mill Rd");
        var instanceId = QboUpsKeys.PurchaseOrderInstance(QboUpsSandbox.ConnectionId, poId);

        // Act
        await sandbox.Qbo.SendWebhooksAsync();
        var failed = await WorkflowWait.ForAsync(sandbox.Workflows, instanceId);
        var billsWhileFailed = sandbox.Qbo.Count(sandbox.RealmId, "Bill");
        sandbox.Qbo.ConfigureCurrency(sandbox.RealmId, "USD", multiCurrencyEnabled: true);
        sandbox.Qbo.SetExchangeRate(sandbox.RealmId, "CAD", 0.7312m);
        var replay = await sandbox.Workflows.ReplayAsync(instanceId);
        var replayed = await WorkflowWait.ForAsync(sandbox.Workflows, replay.InstanceId);

        // Assert
        Assert.Equal(WorkflowRuntimeStatus.Failed, failed.RuntimeStatus);
        Assert.Contains("CAD", failed.Failure!.Message, StringComparison.Ordinal);
        Assert.Contains("multicurrency is off", failed.Failure.Message, StringComparison.Ordinal);
        Assert.Equal(0, billsWhileFailed);
        Assert.Equal(WorkflowRuntimeStatus.Completed, replayed.RuntimeStatus);
        Assert.Single(sandbox.Ups.GetShipments());
        var bill = Assert.Single(sandbox.Qbo.GetEntities(sandbox.RealmId, "Bill"));
        Assert.Equal("CAD", (string?)bill["CurrencyRef"]!["value"]);
    }

    [Fact]
    public async Task PurchaseOrder_UsdShipmentToUsdCompany_PostsWithoutCurrencyRef()
    {
        // Arrange
        await using var sandbox = await QboUpsSandbox.StartAsync(azurite);
        sandbox.Qbo.ConfigureCurrency(sandbox.RealmId, "USD", multiCurrencyEnabled: true);
        var poId = sandbox.CreatePurchaseOrder("1303", "Mug Works", "12 Mill Rd");

        // Act
        await sandbox.Qbo.SendWebhooksAsync();
        await WorkflowWait.ForAsync(sandbox.Workflows, QboUpsKeys.PurchaseOrderInstance(QboUpsSandbox.ConnectionId, poId));

        // Assert
        var bill = Assert.Single(sandbox.Qbo.GetEntities(sandbox.RealmId, "Bill"));
        Assert.Null(bill["CurrencyRef"]);
        Assert.Null(bill["ExchangeRate"]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task PurchaseOrder_ShipResponseWithoutLabel_ShipsOnceStoresNoLabelAndAuditsTheMissingLabel(bool emptyImage)
    {
        // Arrange
        await using var sandbox = await QboUpsSandbox.StartAsync(azurite);
        sandbox.Ups.OmitNextShippingLabel(emptyImage);
        var poId = sandbox.CreatePurchaseOrder("1201", "Mug Works", "12 Mill Rd");

        // Act
        await sandbox.Qbo.SendWebhooksAsync();
        var status = await WorkflowWait.ForAsync(sandbox.Workflows, QboUpsKeys.PurchaseOrderInstance(QboUpsSandbox.ConnectionId, poId));

        // Assert
        Assert.Equal(WorkflowRuntimeStatus.Completed, status.RuntimeStatus);
        var shipment = Assert.Single(sandbox.Ups.GetShipments());
        var row = Assert.Single(await sandbox.Shipments.GetBySourceAsync(QboUpsSandbox.ConnectionId, QboUpsNames.PurchaseOrderSource, poId));
        Assert.Null(row.LabelBlobPath);
        Assert.Single(sandbox.Qbo.GetEntities(sandbox.RealmId, "Bill"));
        var audit = await AuditAsync(sandbox, poId);
        var missing = Assert.Single(audit, a => a.Operation == UpsShippingSteps.LabelMissingOperation);
        Assert.Equal(AuditOutcome.Failed, missing.Outcome);
        Assert.Equal(shipment.ShipmentIdentificationNumber, missing.VendorReference);
        Assert.Contains(row.TrackingNumber, missing.Detail, StringComparison.Ordinal);
        Assert.Contains(audit, a => a.Operation == "ups.shipment.create" && a.Outcome == AuditOutcome.Succeeded && a.Detail!.Contains("No label for " + row.TrackingNumber, StringComparison.Ordinal));
    }

    [Fact]
    public async Task PurchaseOrder_WithLabel_StoresItAndAuditsNoMissingLabel()
    {
        // Arrange
        await using var sandbox = await QboUpsSandbox.StartAsync(azurite);
        var poId = sandbox.CreatePurchaseOrder("1202", "Mug Works", "12 Mill Rd");

        // Act
        await sandbox.Qbo.SendWebhooksAsync();
        await WorkflowWait.ForAsync(sandbox.Workflows, QboUpsKeys.PurchaseOrderInstance(QboUpsSandbox.ConnectionId, poId));

        // Assert
        var row = Assert.Single(await sandbox.Shipments.GetBySourceAsync(QboUpsSandbox.ConnectionId, QboUpsNames.PurchaseOrderSource, poId));
        Assert.NotNull(row.LabelBlobPath);
        Assert.DoesNotContain(await AuditAsync(sandbox, poId), a => a.Operation == UpsShippingSteps.LabelMissingOperation);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task PurchaseOrder_NegotiatedRatesRequested_AuditSaysWhenUpsReturnedOnlyPublishedCharges(bool accountHasNegotiatedRates)
    {
        // Arrange
        await using var sandbox = await QboUpsSandbox.StartAsync(azurite);
        if (accountHasNegotiatedRates)
        {
            sandbox.Ups.EnableNegotiatedRates(QboUpsSandbox.ShipperNumber, 20m);
        }

        await sandbox.Host.Services.GetRequiredService<IConnectionStore>().ChangeAsync(QboUpsSandbox.ConnectionId, c => c with
        {
            Settings = new Dictionary<string, IReadOnlyDictionary<string, string>>(c.Settings)
            {
                ["ups"] = new Dictionary<string, string>(c.Settings["ups"]) { ["negotiatedRates"] = "true" },
            },
        });
        var poId = sandbox.CreatePurchaseOrder("1203", "Mug Works", "12 Mill Rd");

        // Act
        await sandbox.Qbo.SendWebhooksAsync();
        await WorkflowWait.ForAsync(sandbox.Workflows, QboUpsKeys.PurchaseOrderInstance(QboUpsSandbox.ConnectionId, poId));

        // Assert
        var shipment = Assert.Single(sandbox.Ups.GetShipments());
        var row = Assert.Single(await sandbox.Shipments.GetBySourceAsync(QboUpsSandbox.ConnectionId, QboUpsNames.PurchaseOrderSource, poId));
        Assert.Equal(accountHasNegotiatedRates, row.NegotiatedCharge);
        Assert.Equal(accountHasNegotiatedRates ? shipment.NegotiatedCharge : shipment.TotalCharge, row.Charge);
        var audit = await AuditAsync(sandbox, poId);
        const string Note = "negotiated rates were requested but UPS returned only published charges";
        Assert.Equal(!accountHasNegotiatedRates, Assert.Single(audit, a => a.Operation == "ups.shipment.create").Detail!.Contains(Note, StringComparison.Ordinal));
        Assert.Equal(!accountHasNegotiatedRates, Assert.Single(audit, a => a.Operation == "ups.rate.quote").Detail!.Contains(Note, StringComparison.Ordinal));
    }

    private static async Task<IReadOnlyList<AuditRecord>> AuditAsync(QboUpsSandbox sandbox, string poId)
    {
        var now = TimeProvider.System.GetUtcNow();
        return await sandbox.Host.Services.GetRequiredService<IAuditTrail>().QueryAsync(
            new AuditQuery(QboUpsSandbox.ConnectionId, now.AddHours(-1), now.AddHours(1)) { BusinessKey = poId });
    }
}
