using System.Text.Json.Nodes;
using MlConnector.Tests.Integration;

namespace MlConnector.Tests.Connectors.Ups;

/// <summary>
/// <see cref="Core.Connectors.Ups.IUpsClient.GetQuantumViewEventsAsync"/> over loopback against answers in
/// QuantumView.yaml's shapes: repeatable elements as one object (v1/v2) or arrays (v3), Origin, Exception and Delivery
/// events, and the bookmark in both directions.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public sealed class UpsClientQuantumViewTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task GetQuantumViewEventsAsync_SingleObjectElements_MapsOriginExceptionAndDeliveryAndSendsQvEventsWithTheBookmark()
    {
        // Arrange
        await using var h = await UpsHarness.StartAsync(azurite);
        h.Ups.Enqueue(HttpStatusCode.OK, """
            {"QuantumViewResponse":{"Response":{"ResponseStatusCode":"1","ResponseStatusDescription":"Success"},
              "QuantumViewEvents":{"SubscriberID":"acme","SubscriptionEvents":{"Name":"OutboundXML","Number":"1",
                "SubscriptionFile":{"FileName":"261206_140019001","StatusType":{"Code":"U","Description":"Unread"},
                  "Origin":{"ShipperNumber":"X7Y9Z2","TrackingNumber":"1ZX7Y9Z20312345675","Date":"20261206","Time":"091500"},
                  "Exception":{"ShipperNumber":"X7Y9Z2","TrackingNumber":"1ZX7Y9Z20312345684","Date":"20261206","Time":"101000","StatusCode":"X1","StatusDescription":"Address corrected"},
                  "Delivery":{"ShipperNumber":"X7Y9Z2","TrackingNumber":"1ZX7Y9Z20312345675","Date":"20261207","Time":"143000"}}}},
              "Bookmark":"WE9MVFFBMQ=="}}
            """);

        // Act
        var page = await h.Client.GetQuantumViewEventsAsync(UpsHarness.ConnectionId, "OutboundXML", "UFJFVklPVVM=");

        // Assert
        Assert.Equal("WE9MVFFBMQ==", page.Bookmark);
        Assert.Equal(
            [("1ZX7Y9Z20312345675", "P", "Pickup Scan", false), ("1ZX7Y9Z20312345684", "X", "Address corrected", false), ("1ZX7Y9Z20312345675", "D", "Delivered", true)],
            page.Statuses.Select(s => (s.TrackingNumber, s.StatusType!, s.Description!, s.Delivered)));
        Assert.Equal(new DateTimeOffset(2026, 12, 7, 14, 30, 0, TimeSpan.Zero), page.Statuses[2].ActivityLocalTime);
        Assert.Equal("X1", page.Statuses[1].StatusCode);
        var request = Assert.Single(h.Ups.Requests);
        Assert.Equal("/api/quantumview/v3/events", request.Path);
        var body = JsonNode.Parse(request.Body)!["QuantumViewRequest"]!;
        Assert.Equal("QVEvents", (string?)body["Request"]!["RequestAction"]);
        Assert.Equal("OutboundXML", (string?)body["SubscriptionRequest"]![0]!["Name"]);
        Assert.Equal("UFJFVklPVVM=", (string?)body["Bookmark"]);
    }

    [Fact]
    public async Task GetQuantumViewEventsAsync_NoEventsAndNoBookmark_ReturnsAnEmptyLastPage()
    {
        // Arrange
        await using var h = await UpsHarness.StartAsync(azurite);
        h.Ups.Enqueue(HttpStatusCode.OK, """{"QuantumViewResponse":{"Response":{"ResponseStatusCode":"1"},"QuantumViewEvents":{"SubscriberID":"acme","SubscriptionEvents":[]}}}""");

        // Act
        var page = await h.Client.GetQuantumViewEventsAsync(UpsHarness.ConnectionId, subscriptionName: null, bookmark: null);

        // Assert
        Assert.Empty(page.Statuses);
        Assert.Null(page.Bookmark);
        var body = JsonNode.Parse(Assert.Single(h.Ups.Requests).Body)!["QuantumViewRequest"]!;
        Assert.Null(body["SubscriptionRequest"]);
        Assert.Null(body["Bookmark"]);
    }
}
