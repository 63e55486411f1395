using Microsoft.Extensions.DependencyInjection;
using MlConnector.Core.Audit;
using MlConnector.Core.Connectors.Ups;
using MlConnector.Core.Integrations.QboUps;
using MlConnector.Core.Shipping.Ups;
using MlConnector.Core.Workflows;
using MlConnector.Tests.Integration;
using MlConnector.Tests.TestSupport;

namespace MlConnector.Tests.Integrations.QboUps;

/// <summary>
/// The UPS simulator's chaos faults (<c>UpsSimulator.Faults</c>: 5xx, 429 with Retry-After, a response lost after UPS
/// committed the write) through the real UPS connector and the real QBO ↔ UPS workflow on the host, Azurite and loopback.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public sealed class QboUpsSimulatorFaultsTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task PurchaseOrder_ShipAnswerLostAfterUpsCreatedTheShipment_AdoptsItAndBuysNoSecondLabel()
    {
        // Arrange
        await using var sandbox = await QboUpsSandbox.StartAsync(azurite);
        sandbox.Ups.Faults.Applies = request => request.Path.Value!.EndsWith("/ship", StringComparison.Ordinal);
        sandbox.Ups.Faults.Enable(serverErrorRate: 0, rateLimitRate: 0, lostResponseRate: 1, concurrentEditRate: 0, seed: 7);
        var poId = sandbox.CreatePurchaseOrder("1301", "Mug Works", "12 Mill Rd");

        // Act
        await sandbox.Qbo.SendWebhooksAsync();
        var status = await WorkflowWait.ForAsync(sandbox.Workflows, QboUpsKeys.PurchaseOrderInstance(QboUpsSandbox.ConnectionId, poId));

        // Assert
        Assert.Equal(WorkflowRuntimeStatus.Completed, status.RuntimeStatus);
        Assert.Equal(1, sandbox.Ups.Faults.LostResponses);
        Assert.Equal(1, sandbox.Ups.ShipmentCreateCount);
        var shipment = Assert.Single(sandbox.Ups.GetShipments());
        var row = Assert.Single(await sandbox.Shipments.GetBySourceAsync(QboUpsSandbox.ConnectionId, QboUpsNames.PurchaseOrderSource, poId));
        Assert.Equal(shipment.ShipmentIdentificationNumber, row.ShipmentIdentificationNumber);
        Assert.Equal(Assert.Single(shipment.TrackingNumbers), row.TrackingNumber);
        Assert.Equal(shipment.TotalCharge, row.Charge);
        Assert.Null(row.LabelBlobPath);
        var bill = Assert.Single(sandbox.Qbo.GetEntities(sandbox.RealmId, "Bill"));
        Assert.Equal(shipment.TotalCharge, (decimal)bill["TotalAmt"]!);
        var audit = await sandbox.Host.Services.GetRequiredService<IAuditTrail>().QueryAsync(new AuditQuery(QboUpsSandbox.ConnectionId, TimeProvider.System.GetUtcNow().AddHours(-1), TimeProvider.System.GetUtcNow().AddHours(1)) { BusinessKey = poId });
        Assert.Contains(audit, a => a.Operation == UpsShippingSteps.ShipmentCreateOperation && a.Outcome == AuditOutcome.Failed);
        Assert.Contains(audit, a => a.Operation == UpsShippingSteps.ShipmentCreateOperation && a.Outcome == AuditOutcome.Skipped && a.VendorReference == shipment.ShipmentIdentificationNumber);
        var missing = Assert.Single(audit, a => a.Operation == UpsShippingSteps.LabelMissingOperation);
        Assert.Contains(row.TrackingNumber, missing.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RateAsync_TwoUps5xxThenTwo429sWithRetryAfter_EachRetriedWithinThePolicyAndAnswered()
    {
        // Arrange: the resilience policy resends a retry-safe request twice, so two faults in a row are absorbed.
        await using var sandbox = await QboUpsSandbox.StartAsync(azurite);
        var ups = sandbox.Host.Services.GetRequiredService<IUpsClient>();
        var request = ShipmentRequest("PO 1302", "30005");
        var faulted = 0;
        sandbox.Ups.Faults.Applies = r => r.Path.Value!.Contains("/rating/", StringComparison.Ordinal) && Interlocked.Increment(ref faulted) <= 2;

        // Act
        sandbox.Ups.Faults.Enable(serverErrorRate: 1, rateLimitRate: 0, lostResponseRate: 0, concurrentEditRate: 0, seed: 11);
        var afterServerErrors = Assert.Single(await ups.RateAsync(QboUpsSandbox.ConnectionId, request, shop: false));
        Interlocked.Exchange(ref faulted, 0);
        sandbox.Ups.Faults.Enable(serverErrorRate: 0, rateLimitRate: 1, lostResponseRate: 0, concurrentEditRate: 0, seed: 11);
        var afterRateLimits = Assert.Single(await ups.RateAsync(QboUpsSandbox.ConnectionId, request, shop: false));

        // Assert
        Assert.Equal(2, sandbox.Ups.Faults.ServerErrors);
        Assert.Equal(2, sandbox.Ups.Faults.RateLimits);
        Assert.Equal(UpsSimulatorCharge(request), afterServerErrors.TotalCharge);
        Assert.Equal(UpsSimulatorCharge(request), afterRateLimits.TotalCharge);
        Assert.Equal(2, sandbox.Ups.GetRequests().Count(r => r.Path.Contains("/rating/", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task TrackByReferenceAsync_ShipmentWithThatReference_FindsItsPackagesOnlyForItsDestination()
    {
        // Arrange
        await using var sandbox = await QboUpsSandbox.StartAsync(azurite);
        var ups = sandbox.Host.Services.GetRequiredService<IUpsClient>();
        var created = await ups.CreateShipmentAsync(QboUpsSandbox.ConnectionId, ShipmentRequest("PO 1303", "30005"));

        // Act
        var found = await ups.TrackByReferenceAsync(QboUpsSandbox.ConnectionId, "PO 1303", Destination("30005"));
        var otherZip = await ups.TrackByReferenceAsync(QboUpsSandbox.ConnectionId, "PO 1303", Destination("30303"));
        var otherReference = await ups.TrackByReferenceAsync(QboUpsSandbox.ConnectionId, "PO 1304", Destination("30005"));

        // Assert
        var package = Assert.Single(found);
        Assert.Equal(created.ShipmentIdentificationNumber, package.TrackingNumber);
        Assert.True(package.Found);
        Assert.Equal("M", package.StatusType);
        Assert.Empty(otherZip);
        Assert.Empty(otherReference);
    }

    private static UpsAddress Destination(string postalCode) => new("Mug Works", ["12 Mill Rd"], "Alpharetta", "GA", postalCode, "US") { Phone = "4045550101" };

    private static UpsShipmentRequest ShipmentRequest(string reference, string postalCode)
    {
        var origin = new UpsAddress("Peachtree Pottery Supply", ["100 Peachtree St"], "Atlanta", "GA", "30303", "US") { Phone = "4045550100" };
        return new UpsShipmentRequest(origin, origin, Destination(postalCode), "03", [new UpsPackage(4.5m)], reference);
    }

    private static decimal UpsSimulatorCharge(UpsShipmentRequest request) => MlConnector.Sandbox.Ups.UpsSimulator.PublishedCharge(request.ServiceCode, request.Packages[0].Weight);
}
