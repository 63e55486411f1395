using Microsoft.Extensions.DependencyInjection;
using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.Ups;
using MlConnector.Core.Integrations.QboUps;
using MlConnector.Core.Shipping.Ups;
using MlConnector.Tests.Integration;
using MlConnector.Tests.Integrations.QboUps;

namespace MlConnector.Tests.Shipping.Ups;

/// <summary>
/// The adoption of a shipment whose Ship answer was lost (<see cref="UpsShippingSteps.CreateShipmentAsync"/> on a later
/// attempt looks UPS up by reference): it must adopt only a shipment no other document holds. Real host, Azurite, the UPS
/// simulator over loopback.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public sealed class UpsShippingStepsAdoptionTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task CreateShipmentAsync_RetryAfterAShipUpsRefusedAndAnotherDocumentShippedWithTheSameReference_ShipsItsOwnAndAdoptsNothingOfTheOther()
    {
        // Arrange: PO 1401 (id 901) is shipped; a second PO numbered 1401 (id 902, the same reference to the same warehouse)
        // fails its first Ship with a 5xx, so UPS created nothing for it.
        await using var sandbox = await QboUpsSandbox.StartAsync(azurite);
        var sut = sandbox.Host.Services.GetRequiredService<UpsShippingSteps>();
        var first = await sut.CreateShipmentAsync(null, Plan("901"));
        sandbox.Ups.Faults.Applies = request => request.Path.Value!.EndsWith("/ship", StringComparison.Ordinal);
        sandbox.Ups.Faults.Enable(serverErrorRate: 1, rateLimitRate: 0, lostResponseRate: 0, concurrentEditRate: 0, seed: 3);
        await Assert.ThrowsAnyAsync<Exception>(() => sut.CreateShipmentAsync(null, Plan("902")));
        sandbox.Ups.Faults.Disable();

        // Act
        var second = await sut.CreateShipmentAsync(null, Plan("902"));

        // Assert: the second PO has a shipment of its own; the first PO's package is not recorded for it.
        Assert.NotEqual(first.ShipmentIdentificationNumber, second.ShipmentIdentificationNumber);
        Assert.Empty(second.TrackingNumbers.Intersect(first.TrackingNumbers, StringComparer.Ordinal));
        Assert.Equal(2, sandbox.Ups.ShipmentCreateCount);
        var rows = await sandbox.Shipments.GetBySourceAsync(QboUpsSandbox.ConnectionId, QboUpsNames.PurchaseOrderSource, "902");
        Assert.DoesNotContain(rows, r => first.TrackingNumbers.Contains(r.TrackingNumber, StringComparer.Ordinal));
    }

    [Fact]
    public async Task CreateShipmentAsync_ShipAnswerLostAfterAnotherDocumentShippedWithTheSameReference_AdoptsOnlyItsOwnShipment()
    {
        // Arrange: PO 1402 (id 911) is shipped; the Ship of a second PO numbered 1402 (id 912) is committed by UPS and its
        // answer lost, so UPS lists both shipments under the reference.
        await using var sandbox = await QboUpsSandbox.StartAsync(azurite);
        var sut = sandbox.Host.Services.GetRequiredService<UpsShippingSteps>();
        var first = await sut.CreateShipmentAsync(null, Plan("911", "1402"));
        sandbox.Ups.Faults.Applies = request => request.Path.Value!.EndsWith("/ship", StringComparison.Ordinal);
        sandbox.Ups.Faults.Enable(serverErrorRate: 0, rateLimitRate: 0, lostResponseRate: 1, concurrentEditRate: 0, seed: 5);
        await Assert.ThrowsAnyAsync<Exception>(() => sut.CreateShipmentAsync(null, Plan("912", "1402")));
        sandbox.Ups.Faults.Disable();
        var lost = Assert.Single(sandbox.Ups.GetShipments(), s => s.ShipmentIdentificationNumber != first.ShipmentIdentificationNumber);

        // Act
        var second = await sut.CreateShipmentAsync(null, Plan("912", "1402"));

        // Assert: the lost shipment is adopted, alone; no third label was bought.
        Assert.Equal(lost.ShipmentIdentificationNumber, second.ShipmentIdentificationNumber);
        Assert.Equal(lost.TrackingNumbers, second.TrackingNumbers);
        Assert.Equal(2, sandbox.Ups.ShipmentCreateCount);
    }

    private static UpsShipmentPlan Plan(string poId, string number = "1401")
    {
        var origin = new UpsAddress("Peachtree Pottery Supply", ["100 Peachtree St"], "Atlanta", "GA", "30303", "US") { Phone = "4045550100" };
        var warehouse = new UpsAddress($"PO {number}", ["12 Mill Rd"], "Alpharetta", "GA", "30005", "US") { Phone = "4045550101" };
        var request = new UpsShipmentRequest(warehouse, origin, warehouse, "03", [new UpsPackage(4.5m)], $"PO {number}");
        return new UpsShipmentPlan(QboUpsSandbox.ConnectionId, IntegrationKinds.QboUps, new SourceDocument(QboUpsNames.PurchaseOrderSource, poId, number, "PO"), request, "ShipAddr", "QuickBooks Online");
    }
}
