using Microsoft.Extensions.DependencyInjection;
using MlConnector.Cli.Demo;
using MlConnector.Core.Audit;
using MlConnector.Core.Integrations.QboUps;
using MlConnector.Core.Secrets;
using MlConnector.Core.Shipping.Ups;
using MlConnector.Core.Workflows;
using MlConnector.Tests.Integration;

namespace MlConnector.Tests.Cli;

/// <summary>
/// QBO ↔ UPS through the whole product, as `mlconnector demo` runs it: purchase orders created in the QBO simulator reach
/// the standalone host as signed webhooks, ship through the real UPS client against the UPS simulator, and come back as
/// QBO bills marked Delivered by Track Alert pushes. The assertions read the simulators and the host, not only the summary.
/// </summary>
// Runs in the Azurite collection so this heavy run goes one at a time with the other integration tests (the sandbox starts its own Azurite).
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public class QboUpsEndToEndTests(QboUpsDemoRun run) : IClassFixture<QboUpsDemoRun>
{
    private const string ConnectionId = DemoSandbox.QboUpsConnectionId;

    [Fact]
    public void RunAsync_TenPurchaseOrders_EachHasExactlyOneUpsShipmentAndOneBillForItsChargeMarkedDelivered()
    {
        // Arrange
        var (qbo, ups, realmId) = (run.Sandbox.Qbo, run.Sandbox.Ups, run.Sandbox.UpsRealmId);
        var purchaseOrders = qbo.GetEntities(realmId, "PurchaseOrder").Select(p => (string)p["DocNumber"]!).ToList();

        // Act
        var shipments = ups.GetShipments().Where(s => !s.Voided).ToList();
        var bills = qbo.GetEntities(realmId, "Bill");

        // Assert
        Assert.True(run.Summary.Passed, string.Join("; ", run.Summary.Problems));
        Assert.Equal(10, purchaseOrders.Count);
        Assert.Equal(purchaseOrders.Order().Select(n => "PO " + n), shipments.Select(s => s.ReferenceNumber!).Order());
        Assert.Equal(10, ups.ShipmentCreateCount);
        Assert.Equal(10, bills.Count);
        foreach (var shipment in shipments)
        {
            var bill = Assert.Single(bills, b => "PO " + ((string)b["DocNumber"]!)["UPS-".Length..] == shipment.ReferenceNumber);
            Assert.Equal(shipment.NegotiatedCharge ?? shipment.TotalCharge, (decimal)bill["TotalAmt"]!);
            Assert.Equal(QboUpsDemoCatalog.UpsVendorId, (string?)bill["VendorRef"]!["value"]);
            Assert.Equal(QboUpsDemoCatalog.FreightInAccountId, (string?)bill["Line"]![0]!["AccountBasedExpenseLineDetail"]!["AccountRef"]!["value"]);
            Assert.Contains($"{shipment.TrackingNumbers[0]}: Delivered", (string?)bill["PrivateNote"], StringComparison.Ordinal);
            Assert.Equal(("D", "FS"), ups.GetPackageStatus(shipment.TrackingNumbers[0]));
        }

        Assert.Equal(shipments.Sum(s => s.NegotiatedCharge ?? s.TotalCharge), run.Summary.ShippingCostPosted);
        Assert.Equal(1, run.Summary.FoundByCdc);
        Assert.True(run.Summary.DuplicatesSuppressed >= 4);
        Assert.True(run.Summary.MultiRealmDeliveries >= 1);
        Assert.Equal(10, run.Summary.TrackAlertPushes);
        Assert.InRange(run.Summary.UpsTokenRequests, 1, run.Summary.UpsDailyTokenQuota);
        Assert.Equal(run.Summary.UpsTokenRequests, ups.GetTokenRequestCount(DemoSandbox.UpsClientId));
    }

    [Fact]
    public async Task RunAsync_AmbiguousShipTo_FailsBeforeAnyShipmentWithTheCandidatesAndShipsOnceAfterTheReplay()
    {
        // Arrange
        var services = run.Sandbox.Host.Services;
        var workflows = services.GetRequiredService<IWorkflowClient>();
        var po = run.Sandbox.Qbo.GetEntities(run.Sandbox.UpsRealmId, "PurchaseOrder")[QboUpsDemoCatalog.AmbiguousIndex];
        var failedId = QboUpsKeys.PurchaseOrderInstance(ConnectionId, (string)po["Id"]!);
        var window = TimeProvider.System.GetUtcNow();

        // Act
        var failed = await workflows.GetStatusAsync(failedId);
        var replayed = await workflows.GetStatusAsync(failedId + ":r1");
        var trail = await services.GetRequiredService<IAuditTrail>().QueryAsync(new AuditQuery(ConnectionId, window.AddHours(-1), window.AddMinutes(1)) { BusinessKey = (string)po["Id"]! });

        // Assert
        Assert.Equal(WorkflowRuntimeStatus.Failed, failed!.RuntimeStatus);
        Assert.Equal(WorkflowRuntimeStatus.Completed, replayed!.RuntimeStatus);
        Assert.Equal(QboUpsDemoCatalog.CorrectedStreet, (string?)po["ShipAddr"]!["Line2"]);
        var validation = trail.Where(r => r.Operation == "ups.address.validate").OrderBy(r => r.Time).ToList();
        Assert.Equal(new[] { AuditOutcome.Failed, AuditOutcome.Succeeded }, validation.Select(r => r.Outcome));
        Assert.Contains("300 N HIGGINS AVE", validation[0].Detail, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("300 S HIGGINS AVE", validation[0].Detail, StringComparison.OrdinalIgnoreCase);
        var created = Assert.Single(trail, r => r.Operation == "ups.shipment.create");
        Assert.Equal((failedId + ":r1", AuditOutcome.Succeeded), (created.WorkflowInstanceId, created.Outcome));
        Assert.True(created.Time > validation[0].Time);
        Assert.Single(run.Sandbox.Ups.GetShipments(), s => s.ReferenceNumber == "PO " + (string)po["DocNumber"]!);
        var failure = Assert.Single(run.Summary.AddressFailures);
        Assert.Equal(((string)po["DocNumber"]!, "Validation", failedId), (failure.OrderNumber, failure.ErrorKind, failure.InstanceId));
        Assert.Equal(1, run.Summary.ReplaysSucceeded);
    }

    [Fact]
    public async Task RunAsync_ForgedDelivery_IsRefusedAndStartsNothing()
    {
        // Arrange
        var services = run.Sandbox.Host.Services;
        var forgedKey = "PurchaseOrder:" + QboUpsDemoPhase.ForgedPurchaseOrderId;
        var window = TimeProvider.System.GetUtcNow();

        // Act
        var instance = await services.GetRequiredService<IWorkflowClient>().GetStatusAsync(QboUpsKeys.PurchaseOrderInstance(ConnectionId, QboUpsDemoPhase.ForgedPurchaseOrderId));
        var trail = await services.GetRequiredService<IAuditTrail>().QueryAsync(new AuditQuery(ConnectionId, window.AddHours(-1), window.AddMinutes(1)) { BusinessKey = forgedKey });

        // Assert
        Assert.Equal(1, run.Summary.ForgedDeliveriesRejected);
        Assert.Null(instance);
        Assert.Empty(trail);
    }

    [Fact]
    public async Task ToJson_PhaseSummary_CarriesTheQboUpsSectionAndNoSecret()
    {
        // Arrange
        var secrets = run.Sandbox.Host.Services.GetRequiredService<ISecretStore>();
        var shipperNumber = await secrets.GetAsync(SecretName.For(ConnectionId, QboUpsNames.ShipperNumberPurpose));
        var trackAlertSecret = await secrets.GetAsync(SecretName.For(ConnectionId, UpsShippingNames.TrackAlertSecretPurpose));

        // Act
        var json = DemoReport.ToJson(new DemoSummary { QboUps = run.Summary, Passed = run.Summary.Passed });

        // Assert
        using var document = JsonDocument.Parse(json);
        var section = document.RootElement.GetProperty("qboUps");
        Assert.True(section.GetProperty("passed").GetBoolean());
        Assert.Equal(10, section.GetProperty("purchaseOrdersReceived").GetInt32());
        Assert.Equal(10, section.GetProperty("purchaseOrdersWithExactlyOneShipment").GetInt32());
        Assert.Equal(10, section.GetProperty("billsWithShipmentCost").GetInt32());
        Assert.Equal(10, section.GetProperty("trackingUpdatesApplied").GetInt32());
        Assert.Equal(1, section.GetProperty("forgedDeliveriesRejected").GetInt32());
        Assert.Equal(1, section.GetProperty("foundByCdc").GetInt32());
        Assert.Equal(1, section.GetProperty("replaysSucceeded").GetInt32());
        Assert.Equal("USD", section.GetProperty("currencyCode").GetString());
        Assert.Equal(run.Summary.ShippingCostPosted, section.GetProperty("shippingCostPosted").GetDecimal());
        Assert.True(section.GetProperty("upsDailyTokenQuota").GetInt32() >= section.GetProperty("upsTokenRequests").GetInt32());
        var failure = Assert.Single(section.GetProperty("addressFailures").EnumerateArray());
        Assert.Contains("ambiguous", failure.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Empty(section.GetProperty("problems").EnumerateArray());
        Assert.False(string.IsNullOrEmpty(shipperNumber));
        Assert.DoesNotContain(shipperNumber!, json, StringComparison.Ordinal);
        Assert.DoesNotContain(trackAlertSecret!, json, StringComparison.Ordinal);
    }
}
