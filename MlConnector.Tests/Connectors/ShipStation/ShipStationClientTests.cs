using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using MlConnector.Core.Connectors.ShipStation;
using MlConnector.Core.Errors;
using MlConnector.Core.Resilience;
using MlConnector.Core.Secrets;
using MlConnector.Sandbox.ShipStation;
using MlConnector.Tests.Integration;
using MlConnector.Tests.TestSupport;

namespace MlConnector.Tests.Connectors.ShipStation;

/// <summary>
/// The real <see cref="ShipStationClient"/> (resilience, rate governor, Basic auth from the secret store) against the
/// ShipStation simulator over loopback HTTP; the connection lives in Azurite; one fake clock drives both sides.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ShipStationClientTests(AzuriteFixture azurite)
{
    private const string Conn = ShipStationHarness.ConnectionId;
    private static readonly string SeedFile = Path.Combine(AppContext.BaseDirectory, "Fixtures", "ShipStation", "orders-dst.json");

    [Fact]
    public async Task ListOrdersAsync_VendorPacificTimes_ConvertedToUtcAcrossBothDstChanges()
    {
        // Arrange
        await using var h = await CreateSutAsync();
        await h.Simulator.SeedFromJsonAsync(SeedFile);

        // Act
        var page = await h.Client.ListOrdersAsync(Conn, new ShipStationOrderQuery(PageSize: 100));

        // Assert: PST is UTC−8, PDT is UTC−7; 2026-03-08 02:00 and 2026-11-01 02:00 are the changes.
        var modified = page.Items.ToDictionary(o => o.OrderNumber, o => o.ModifyDateUtc);
        Assert.Equal(Utc(2026, 1, 15, 18, 0, 0), modified["DST-WINTER"]);
        Assert.Equal(Utc(2026, 3, 8, 9, 59, 59), modified["DST-SPRING-BEFORE"]);
        Assert.Equal(Utc(2026, 3, 8, 10, 0, 0), modified["DST-SPRING-AFTER"]);
        Assert.Equal(Utc(2026, 7, 1, 17, 0, 0), modified["DST-SUMMER"]);
        Assert.Equal(Utc(2026, 11, 1, 7, 30, 0), modified["DST-FALL-BEFORE"]);
        Assert.Equal(Utc(2026, 11, 1, 10, 30, 0), modified["DST-FALL-AFTER"]);
        Assert.All(page.Items, o => Assert.Equal(TimeSpan.Zero, o.ModifyDateUtc.Offset));
    }

    [Fact]
    public async Task ListOrdersAsync_VendorOrder_MapsDocumentedFields()
    {
        // Arrange
        await using var h = await CreateSutAsync();
        await h.Simulator.SeedFromJsonAsync(SeedFile);

        // Act
        var order = Assert.Single((await h.Client.ListOrdersAsync(Conn, new ShipStationOrderQuery(PageSize: 100))).Items, o => o.OrderNumber == "DST-WINTER");

        // Assert
        Assert.Equal(90000001, order.OrderId);
        Assert.Equal("k-dst-winter", order.OrderKey);
        Assert.Equal(Utc(2026, 1, 15, 17, 30, 0), order.OrderDateUtc);
        Assert.Equal("awaiting_shipment", order.OrderStatus);
        Assert.Equal("ann@example.test", order.CustomerEmail);
        Assert.Equal("Ann Winter", order.CustomerName);
        Assert.Equal(new ShipStationAddress("Ann Winter", "1 Snow Rd", "Reno", "NV", "89501", "US") { Street2 = "Unit 2", Company = "Winter Co", Phone = "555-555-0101" }, order.ShipTo);
        Assert.Equal([new ShipStationOrderItem("MUG-01", "Mug", 2, 12.5m), new ShipStationOrderItem(null, "Discount", 1, -5m) { IsAdjustment = true }], order.Items);
        Assert.Equal(5.5m, order.ShippingAmount);
        Assert.Equal(1.5m, order.TaxAmount);
        Assert.Equal(27m, order.OrderTotal);
        Assert.Equal(27m, order.AmountPaid);
        Assert.Equal("UPS Ground", order.RequestedShippingService);
        Assert.Equal(4711, order.StoreId);
        Assert.False(order.IsTerminal);
    }

    [Fact]
    public async Task ListOrdersAsync_ModifyDateStart_SentAsPacificWallClockAndFiltersInModifyDateOrder()
    {
        // Arrange
        await using var h = await CreateSutAsync(storeId: "4711");
        await h.Simulator.SeedFromJsonAsync(SeedFile);

        // Act: 10:00 UTC on 2026-03-08 is 03:00 PDT, the first minute after the spring-forward gap.
        var page = await h.Client.ListOrdersAsync(Conn, new ShipStationOrderQuery(ModifyDateStartUtc: Utc(2026, 3, 8, 10, 0, 0)));

        // Assert
        Assert.Equal(["DST-SPRING-AFTER", "DST-SUMMER", "DST-FALL-BEFORE", "DST-FALL-AFTER"], page.Items.Select(o => o.OrderNumber));
        var query = h.Simulator.GetRequests().Single(r => r.Path == "/orders").Query;
        Assert.Contains("modifyDateStart=2026-03-08T03%3A00%3A00.0000000", query, StringComparison.Ordinal);
        Assert.Contains("storeId=4711", query, StringComparison.Ordinal);
        Assert.Contains("sortBy=ModifyDate", query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListOrdersAsync_SecondPage_ReturnsItsItemsWithTotals()
    {
        // Arrange
        await using var h = await CreateSutAsync();
        for (var i = 1; i <= 5; i++)
        {
            h.Simulator.CreateOrder(new ShipStationOrderDraft($"P-{i}") { CustomerEmail = $"p{i}@example.test" });
            h.Time.Advance(TimeSpan.FromMinutes(1));
        }

        // Act
        var page = await h.Client.ListOrdersAsync(Conn, new ShipStationOrderQuery(Page: 3, PageSize: 2));

        // Assert
        Assert.Equal(["P-5"], page.Items.Select(o => o.OrderNumber));
        Assert.Equal((5, 3, 3), (page.Total, page.Page, page.Pages));
    }

    [Fact]
    public async Task GetOrdersFromResourceAsync_ImportBatchOverSeveralPages_ReturnsEveryOrder()
    {
        // Arrange: two orders per page, so the five-order batch takes three pages.
        await using var h = await CreateSutAsync(configuration: new() { ["Connectors:ShipStation:PageSize"] = "2" });
        var orders = h.Simulator.AddOrders(Enumerable.Range(1, 5).Select(i => new ShipStationOrderDraft($"B-{i}") { StoreId = 4711 }));
        h.Simulator.CreateOrder(new ShipStationOrderDraft("NOT-IN-BATCH"));
        var resource = h.Simulator.CreateOrderBatch(orders);

        // Act
        var fetched = await h.Client.GetOrdersFromResourceAsync(Conn, resource);

        // Assert
        Assert.Equal(orders.Select(o => o.OrderNumber), fetched.Select(o => o.OrderNumber));
        Assert.Equal(orders.Select(o => o.OrderId), fetched.Select(o => o.OrderId));
        var requests = h.Simulator.GetRequests().Where(r => r.Path == "/orders").ToList();
        Assert.Equal(3, requests.Count);
        Assert.All(requests, r => Assert.Contains("importBatch=", r.Query, StringComparison.Ordinal));
        Assert.All(requests, r => Assert.Contains("storeID=4711", r.Query, StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetShipmentsFromResourceAsync_LabelBatch_ReturnsShipmentsWithShipDateAsUtcMidnight()
    {
        // Arrange: 2026-07-01 16:00 UTC is 09:00 PDT, so the Pacific ship date is July 1.
        await using var h = await CreateSutAsync();
        h.Simulator.CreateOrder(new ShipStationOrderDraft("S-1"));
        h.Simulator.CreateOrder(new ShipStationOrderDraft("S-2"));
        var shipments = new[]
        {
            h.Simulator.ShipOrder("S-1", "ups", "ups_ground", "1Z0000000000000001", 7.25m),
            h.Simulator.ShipOrder("S-2", "fedex", "fedex_ground", "7700000000000002", 9.10m),
        };

        // Act
        var fetched = await h.Client.GetShipmentsFromResourceAsync(Conn, h.Simulator.CreateShipmentBatch(shipments));

        // Assert
        Assert.Equal(2, fetched.Count);
        var first = fetched.Single(s => s.OrderNumber == "S-1");
        Assert.Equal(("ups", "ups_ground", "1Z0000000000000001", 7.25m, false), (first.CarrierCode, first.ServiceCode, first.TrackingNumber, first.ShipmentCost, first.Voided));
        Assert.Equal(new DateTimeOffset(2026, 7, 1, 0, 0, 0, TimeSpan.Zero), first.ShipDateUtc);
        Assert.Equal("shipped", h.Simulator.FindOrder("S-1")!.OrderStatus);
    }

    [Theory]
    [InlineData("https://ssapi.shipstation.com.evil.test/orders?importBatch=1", "host")]
    [InlineData("http://127.0.0.2/orders?importBatch=1", "host")]
    [InlineData("relative-port", "host")]
    [InlineData("userinfo", "user information")]
    [InlineData("wrong-path", "not a /orders resource")]
    public async Task GetOrdersFromResourceAsync_UrlOffTheConnectionsShipStation_RejectedBeforeAnyRequest(string url, string reason)
    {
        // Arrange
        await using var h = await CreateSutAsync();
        var resource = url switch
        {
            "relative-port" => new Uri($"http://127.0.0.1:{h.Simulator.BaseAddress.Port + 1}/orders?importBatch=1"),
            "userinfo" => new Uri($"http://user:pw@127.0.0.1:{h.Simulator.BaseAddress.Port}/orders?importBatch=1"),
            "wrong-path" => new Uri(h.Simulator.BaseAddress, "shipments?batchId=1"),
            _ => new Uri(url),
        };

        // Act
        var ex = await Assert.ThrowsAsync<ConnectorValidationException>(() => h.Client.GetOrdersFromResourceAsync(Conn, resource));

        // Assert
        AssertRejectedBeforeAnyRequest(h, ex, reason);
    }

    [Fact]
    public async Task GetOrderAsync_KnownAndUnknownId_ReturnsOrderOrNull()
    {
        // Arrange
        await using var h = await CreateSutAsync();
        var created = h.Simulator.CreateOrder(new ShipStationOrderDraft("G-1") { CustomerName = "Gail" });

        // Act
        var known = await h.Client.GetOrderAsync(Conn, created.OrderId);
        var unknown = await h.Client.GetOrderAsync(Conn, 1);

        // Assert
        Assert.Equal(("G-1", "Gail", created.ModifyDateUtc), (known!.OrderNumber, known.CustomerName, known.ModifyDateUtc));
        Assert.Null(unknown);
    }

    [Fact]
    public async Task ListShipmentsAsync_OrderNumberThatPrefixesAnother_ReturnsOnlyThatOrdersShipments()
    {
        // Arrange
        await using var h = await CreateSutAsync();
        h.Simulator.CreateOrder(new ShipStationOrderDraft("100"));
        h.Simulator.CreateOrder(new ShipStationOrderDraft("1001"));
        h.Simulator.ShipOrder("100", "ups", "ups_ground", "T-100", 5m);
        h.Simulator.ShipOrder("1001", "ups", "ups_ground", "T-1001", 6m);

        // Act
        var shipments = await h.Client.ListShipmentsAsync(Conn, "100");

        // Assert
        Assert.Equal(["T-100"], shipments.Select(s => s.TrackingNumber));
    }

    [Fact]
    public async Task GetFulfillmentsFromResourceAsync_DocumentedExample_MapsEveryFieldWithPacificTimesAsUtc()
    {
        // Arrange: ShipStation's own List Fulfillments example, served by the simulator.
        await using var h = await CreateSutAsync();
        await h.Simulator.SeedFromJsonAsync(ContractFiles.PathOf("shipstation/v1/fulfillments-list.response.docs-example.json"));
        var resource = new Uri(h.Simulator.BaseAddress, "fulfillments?orderNumber=101");

        // Act
        var fetched = await h.Client.GetFulfillmentsFromResourceAsync(Conn, resource);

        // Assert
        Assert.Equal([33974374L, 246310L], fetched.Select(f => f.FulfillmentId));
        var usps = fetched[0];
        Assert.Equal(("USPS", "783408231234", (long?)null, (string?)null), (usps.CarrierCode, usps.TrackingNumber, usps.SellerFillProviderId, usps.SellerFillProviderName));
        var fedEx = fetched[1];
        Assert.Equal((193699927L, "101", "apisupport@shipstation.com", "664756278745", "FedEx"), (fedEx.OrderId, fedEx.OrderNumber, fedEx.CustomerEmail, fedEx.TrackingNumber, fedEx.CarrierCode));
        Assert.Equal((12345L, "Example Fulfillment Provider Name", (string?)null, (string?)null), (fedEx.SellerFillProviderId, fedEx.SellerFillProviderName, fedEx.FulfillmentProviderCode, fedEx.FulfillmentServiceCode));
        Assert.Equal((0m, false, false, true, (string?)null), (fedEx.FulfillmentFee, fedEx.VoidRequested, fedEx.Voided, fedEx.MarketplaceNotified, fedEx.NotifyErrorMessage));

        // 2016-06-08 12:54:53.347 PDT (UTC-7); shipDate is a date, kept as UTC midnight of that date.
        Assert.Equal(new DateTimeOffset(2016, 6, 8, 19, 54, 53, 347, TimeSpan.Zero), fedEx.CreateDateUtc);
        Assert.Equal(new DateTimeOffset(2016, 6, 8, 0, 0, 0, TimeSpan.Zero), fedEx.ShipDateUtc);
        Assert.Equal(((DateTimeOffset?)null, (DateTimeOffset?)null), (fedEx.VoidDateUtc, fedEx.DeliveryDateUtc));
        Assert.Equal(new ShipStationAddress("Yoda", "3800 N Lamar Blvd # 220", "AUSTIN", "TX", "78756", "US") { Phone = "512-485-4282" }, fedEx.ShipTo);
    }

    [Fact]
    public async Task GetFulfillmentsFromResourceAsync_ResourceOverSeveralPages_ReturnsEveryFulfillmentAndKeepsTheQuery()
    {
        // Arrange: two per page, so the order's five fulfillments (split shipments) take three pages.
        await using var h = await CreateSutAsync(configuration: new() { ["Connectors:ShipStation:PageSize"] = "2" });
        h.Simulator.CreateOrder(new ShipStationOrderDraft("F-1"));
        h.Simulator.CreateOrder(new ShipStationOrderDraft("F-2"));
        var expected = Enumerable.Range(1, 5).Select(i => h.Simulator.FulfillOrder("F-1", "FedEx", $"7700{i}", "Acme 3PL", 2.5m)).ToList();
        h.Simulator.FulfillOrder("F-2", "USPS", "9400-other");
        var resource = new Uri(h.Simulator.BaseAddress, "fulfillments?orderNumber=F-1&sortBy=CreateDate");

        // Act
        var fetched = await h.Client.GetFulfillmentsFromResourceAsync(Conn, resource);

        // Assert
        Assert.Equal(expected, fetched);
        Assert.All(fetched, f => Assert.Equal(("F-1", "Acme 3PL", 2.5m), (f.OrderNumber, f.SellerFillProviderName, f.FulfillmentFee)));
        var requests = h.Simulator.GetRequests().Where(r => r.Path == "/fulfillments").ToList();
        Assert.Equal(["page=1", "page=2", "page=3"], requests.Select(r => r.Query.Split('&').Single(p => p.StartsWith("page=", StringComparison.Ordinal))));
        Assert.All(requests, r => Assert.Contains("orderNumber=F-1", r.Query, StringComparison.Ordinal));
        Assert.Equal("shipped", h.Simulator.FindOrder("F-1")!.OrderStatus);
    }

    [Theory]
    [InlineData("shipments", "not a /fulfillments resource")]
    [InlineData("other-host", "host")]
    public async Task GetFulfillmentsFromResourceAsync_UrlNotAFulfillmentsResourceOfTheConnection_RejectedBeforeAnyRequest(string url, string reason)
    {
        // Arrange
        await using var h = await CreateSutAsync();
        var resource = url == "shipments"
            ? new Uri(h.Simulator.BaseAddress, "shipments?batchId=1")
            : new Uri("https://ssapi.shipstation.com.evil.test/fulfillments?fulfillmentId=1");

        // Act
        var ex = await Assert.ThrowsAsync<ConnectorValidationException>(() => h.Client.GetFulfillmentsFromResourceAsync(Conn, resource));

        // Assert
        AssertRejectedBeforeAnyRequest(h, ex, reason);
    }

    [Fact]
    public async Task ListFulfillmentsAsync_OrderWithAVoidedFulfillment_ReturnsOnlyThatOrdersFulfillmentsWithTheirVoidState()
    {
        // Arrange
        await using var h = await CreateSutAsync();
        h.Simulator.CreateOrder(new ShipStationOrderDraft("100"));
        h.Simulator.CreateOrder(new ShipStationOrderDraft("1001"));
        var voided = h.Simulator.FulfillOrder("100", "FedEx", "T-VOID");
        h.Simulator.FulfillOrder("100", "FedEx", "T-100");
        h.Simulator.FulfillOrder("1001", "FedEx", "T-1001");
        h.Time.Advance(TimeSpan.FromHours(1));
        h.Simulator.VoidFulfillment(voided.FulfillmentId);

        // Act
        var fulfillments = await h.Client.ListFulfillmentsAsync(Conn, "100");

        // Assert
        Assert.Equal([("T-VOID", true), ("T-100", false)], fulfillments.Select(f => (f.TrackingNumber, f.Voided)));
        Assert.Equal(h.Time.GetUtcNow(), fulfillments[0].VoidDateUtc);
    }

    [Fact]
    public async Task ListProductsAndCarriers_SeededAccount_ReturnsThem()
    {
        // Arrange
        await using var h = await CreateSutAsync();
        await h.Simulator.SeedFromJsonAsync(SeedFile);

        // Act
        var products = await h.Client.ListProductsAsync(Conn, 1, 1);
        var carriers = await h.Client.ListCarriersAsync(Conn);
        var services = await h.Client.ListCarrierServicesAsync(Conn, "ups");

        // Assert
        Assert.Equal([new ShipStationProduct(70000001, "MUG-01", "Mug", 12.5m, true)], products.Items);
        Assert.Equal((2, 2), (products.Total, products.Pages));
        Assert.Equal([new ShipStationCarrier("ups", "UPS") { Nickname = "Main UPS", Primary = true }], carriers);
        Assert.Equal(
            [new ShipStationCarrierService("ups", "ups_ground", "UPS® Ground", true, false), new ShipStationCarrierService("ups", "ups_worldwide_expedited", "UPS Worldwide Expedited®", false, true)],
            services);
    }

    [Fact]
    public async Task AnyCall_SecretRejected_ThrowsConnectorAuthExceptionWithoutRetrying()
    {
        // Arrange
        await using var h = await CreateSutAsync();
        h.Secrets.Seed(SecretName.For(Conn, ShipStationClient.ApiSecretSecret), "revoked-secret-0001");

        // Act
        var ex = await Assert.ThrowsAsync<ConnectorAuthException>(() => h.Client.ListOrdersAsync(Conn, new ShipStationOrderQuery()));

        // Assert
        Assert.Equal((ErrorKind.NeedsReconsent, HttpStatusCode.Unauthorized, "shipstation"), (ex.Kind, ex.StatusCode, ex.Connector));
        Assert.Single(h.Simulator.GetRequests());
        Assert.DoesNotContain("revoked-secret-0001", ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnyCall_NoSecretStored_ThrowsConnectorAuthExceptionBeforeSending()
    {
        // Arrange
        await using var h = await CreateSutAsync();
        await h.Secrets.DeleteAsync(SecretName.For(Conn, ShipStationClient.ApiKeySecret));

        // Act
        var ex = await Assert.ThrowsAsync<ConnectorAuthException>(() => h.Client.ListProductsAsync(Conn));

        // Assert
        Assert.Contains(ShipStationClient.ApiKeySecret, ex.Message, StringComparison.Ordinal);
        Assert.Empty(h.Simulator.GetRequests());
    }

    [Fact]
    public async Task ListProductsAsync_SixtyConcurrentCalls_GovernorKeepsEveryWindowUnderFortyWithNo429()
    {
        // Arrange
        await using var h = await CreateSutAsync();
        h.Simulator.AddProduct("SKU-1", "Widget", 10m);

        // Act
        var calls = Task.WhenAll(Enumerable.Range(0, 60).Select(_ => h.Client.ListProductsAsync(Conn)));
        var pages = await h.AdvanceUntilDoneAsync(calls, TimeSpan.FromSeconds(1));

        // Assert
        Assert.All(pages, p => Assert.Single(p.Items));
        var requests = h.Simulator.GetRequests();
        Assert.Equal(60, requests.Count);
        Assert.DoesNotContain(requests, r => r.StatusCode == 429);
        var times = requests.Select(r => r.ReceivedAt).Order().ToList();
        for (var i = 0; i + 40 < times.Count; i++)
        {
            Assert.True(times[i + 40] - times[i] >= TimeSpan.FromMinutes(1), $"requests {i} and {i + 40} fell in one 60-second window");
        }

        Assert.True(times[^1] - times[0] >= TimeSpan.FromMinutes(1), "the last 20 calls waited for the next window");
    }

    [Fact]
    public async Task ListProductsAsync_KeyExhaustedElsewhereAndResetWithinMaxDelay_Honours429ThenSucceeds()
    {
        // Arrange: another process spends the key's whole window at t0; the call comes 40 s later.
        await using var h = await CreateSutAsync();
        var t0 = h.Time.GetUtcNow();
        await ExhaustKeyAsync(h);
        h.Time.Advance(TimeSpan.FromSeconds(40));

        // Act
        var page = await h.AdvanceUntilDoneAsync(h.Client.ListProductsAsync(Conn), TimeSpan.FromSeconds(1));

        // Assert: one 429 (X-Rate-Limit-Reset: 20), then the retry only after the window reset.
        Assert.Empty(page.Items);
        var mine = h.Simulator.GetRequests().Skip(40).ToList();
        Assert.Equal([429, 200], mine.Select(r => r.StatusCode));
        Assert.True(mine[1].ReceivedAt >= t0 + TimeSpan.FromMinutes(1), $"retried at {mine[1].ReceivedAt:O}, before the reset");
    }

    [Fact]
    public async Task ListProductsAsync_KeyExhaustedAndResetBeyondMaxDelay_ThrowsRateLimitedWithVendorDelayAndPausesKey()
    {
        // Arrange
        await using var h = await CreateSutAsync();
        await ExhaustKeyAsync(h);
        var governor = h.Services.GetRequiredService<RateGovernorRegistry>().GetGovernor(ShipStationClient.Connector, Conn);

        // Act
        var ex = await Assert.ThrowsAsync<ConnectorRateLimitedException>(() => h.Client.ListProductsAsync(Conn));

        // Assert
        Assert.Equal(TimeSpan.FromSeconds(60), ex.RetryAfter);
        Assert.Single(h.Simulator.GetRequests().Skip(40));
        Assert.Equal(h.Time.GetUtcNow() + TimeSpan.FromSeconds(60), governor.PausedUntil);
    }

    [Fact]
    public async Task ListProductsAsync_Transient503_IsRetried()
    {
        // Arrange
        await using var h = await CreateSutAsync();
        h.Simulator.FailNextRequests(HttpStatusCode.ServiceUnavailable);

        // Act
        var page = await h.AdvanceUntilDoneAsync(h.Client.ListProductsAsync(Conn), TimeSpan.FromMilliseconds(250));

        // Assert
        Assert.Empty(page.Items);
        Assert.Equal([503, 200], h.Simulator.GetRequests().Select(r => r.StatusCode));
    }

    [Fact]
    public async Task SubscribeWebhookAsync_Transient503_IsNotResent()
    {
        // Arrange
        await using var h = await CreateSutAsync();
        h.Simulator.FailNextRequests(HttpStatusCode.ServiceUnavailable);

        // Act
        var ex = await Assert.ThrowsAsync<ConnectorException>(() => h.Client.SubscribeWebhookAsync(Conn, new Uri("https://mlc.example.test/api/webhooks/shipstation/ss-acme/s3cr3t"), ShipStationHookTypes.OrderNotify, "ml-connector"));

        // Assert
        Assert.Equal(ErrorKind.Transient, ex.Kind);
        Assert.Single(h.Simulator.GetRequests(), r => r.Method == "POST");
        Assert.Empty(await h.Client.ListWebhooksAsync(Conn));
    }

    [Fact]
    public async Task Webhooks_SubscribeListUnsubscribe_RoundTripsWithTheDocumentedBody()
    {
        // Arrange
        await using var h = await CreateSutAsync(storeId: "4711");
        var target = new Uri("https://mlc.example.test/api/webhooks/shipstation/ss-acme/url-secret-1");

        // Act
        var id = await h.Client.SubscribeWebhookAsync(Conn, target, ShipStationHookTypes.ShipNotify, "ml-connector shipments");
        var listed = await h.Client.ListWebhooksAsync(Conn);
        await h.Client.UnsubscribeWebhookAsync(Conn, id);
        await h.Client.UnsubscribeWebhookAsync(Conn, id);
        var after = await h.Client.ListWebhooksAsync(Conn);

        // Assert
        Assert.Equal([new ShipStationWebhook(id, "SHIP_NOTIFY", target.AbsoluteUri, "ml-connector shipments")], listed);
        Assert.Empty(after);
        var sent = JsonNode.Parse(h.Simulator.GetRequests().Single(r => r.Method == "POST").Body!)!.AsObject();
        var documented = JsonNode.Parse(await File.ReadAllTextAsync(ContractFiles.PathOf("shipstation/v1/webhook-subscribe.request.docs-example.json")))!.AsObject();
        Assert.Equal(documented.Select(p => p.Key).Order(), sent.Select(p => p.Key).Order());
        Assert.Equal((target.AbsoluteUri, "SHIP_NOTIFY", 4711L), (sent["target_url"]!.GetValue<string>(), sent["event"]!.GetValue<string>(), sent["store_id"]!.GetValue<long>()));
        Assert.Equal([200, 200, 200, 404, 200], h.Simulator.GetRequests().Select(r => r.StatusCode));
    }

    [Fact]
    public async Task V2Webhooks_CreateListDelete_RequestsAndResponsesMatchTheOpenApiContract()
    {
        // Arrange
        await using var h = await CreateSutAsync();
        var spec = OpenApiSchemas.Load(ContractFiles.PathOf("shipstation/v2/openapi.yaml"));
        var target = new Uri("https://mlc.example.test/api/webhooks/shipstation-v2/ss-acme");

        // Act
        var created = await h.Client.CreateV2WebhookAsync(Conn, target, "track");
        var listed = await h.Client.ListV2WebhooksAsync(Conn);
        var conflict = await Assert.ThrowsAsync<ConnectorException>(() => h.Client.CreateV2WebhookAsync(Conn, target, "track"));
        await h.Client.DeleteV2WebhookAsync(Conn, created.WebhookId);
        var after = await h.Client.ListV2WebhooksAsync(Conn);

        // Assert
        Assert.Matches("^se(-[a-z0-9]+)+$", created.WebhookId);
        Assert.Equal([created], listed);
        Assert.Equal(new ShipStationV2Webhook(created.WebhookId, target.AbsoluteUri, "track"), created);
        Assert.Empty(after);
        Assert.Equal((ErrorKind.Conflict, "webhook_event_type_conflict"), (conflict.Kind, conflict.VendorErrorCode));
        Assert.NotNull(conflict.RequestId);
        var posts = h.Simulator.GetRequests().Where(r => r.Method == "POST").ToList();
        Assert.All(posts, p => Assert.Empty(spec.ValidateAsync("create_webhook_request_body", p.Body!).Result));
        Assert.Empty(await spec.ValidateAsync("error_response_body", conflict.VendorErrorBody!));
    }

    [Fact]
    public async Task GetV2WebhookSigningKeysAsync_PublishedJwks_VerifiesTheSimulatorsSignature()
    {
        // Arrange
        await using var h = await CreateSutAsync();
        var body = """{"resource_url":"https://api.shipengine.com/v1/labels/se-1/track","resource_type":"API_TRACK"}""";
        var signature = h.Simulator.Signer.Sign(body, h.Time.GetUtcNow());

        // Act
        var keys = await h.Client.GetV2WebhookSigningKeysAsync();
        var result = h.Services.GetRequiredService<ShipStationV2WebhookVerifier>().Verify(signature.KeyId, signature.Signature, signature.Timestamp, Encoding.UTF8.GetBytes(body), keys);

        // Assert
        Assert.Equal([h.Simulator.Signer.KeyId], keys.KeyIds);
        Assert.Equal(ShipStationWebhookVerification.Valid, result);
        Assert.DoesNotContain(h.Simulator.GetRequests(), r => r.Path == "/jwks" && r.StatusCode != 200);
    }

    [Fact]
    public async Task Logs_AfterSuccessesAndFailures_NeverContainACredential()
    {
        // Arrange
        await using var h = await CreateSutAsync();
        h.Simulator.CreateOrder(new ShipStationOrderDraft("L-1"));

        // Act
        await h.Client.ListOrdersAsync(Conn, new ShipStationOrderQuery());
        await h.Client.SubscribeWebhookAsync(Conn, new Uri("https://mlc.example.test/hook/url-secret-9"), ShipStationHookTypes.OrderNotify, "x");
        await h.Client.ListV2WebhooksAsync(Conn);
        h.Secrets.Seed(SecretName.For(Conn, ShipStationClient.ApiSecretSecret), "wrong-secret-canary");
        await Assert.ThrowsAsync<ConnectorAuthException>(() => h.Client.ListOrdersAsync(Conn, new ShipStationOrderQuery()));

        // Assert
        var records = h.Logs.GetSnapshot();
        Assert.Contains(records, r => r.Id.Name == "VendorCallSucceeded");
        Assert.Contains(records, r => r.Id.Name == "VendorCallFailed");
        Assert.DoesNotContain(records, r => r.Category?.StartsWith("System.Net.Http.HttpClient.IShipStationClient", StringComparison.Ordinal) == true);
        var text = string.Join('\n', records.Select(r => r.Message + " " + r.Exception + " " + string.Join(';', r.StructuredState?.Select(kv => kv.Value) ?? [])));
        string[] canaries =
        [
            ShipStationHarness.ApiKey, ShipStationHarness.ApiSecret, ShipStationHarness.V2ApiKey, "wrong-secret-canary", "url-secret-9",
            Convert.ToBase64String(Encoding.UTF8.GetBytes(ShipStationHarness.ApiKey + ":" + ShipStationHarness.ApiSecret)),
        ];
        Assert.All(canaries, c => Assert.DoesNotContain(c, text, StringComparison.Ordinal));
    }

    private static DateTimeOffset Utc(int y, int mo, int d, int h, int mi, int s) => new(y, mo, d, h, mi, s, TimeSpan.Zero);

    private static async Task ExhaustKeyAsync(ShipStationHarness h)
    {
        using var http = new HttpClient { BaseAddress = h.Simulator.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(ShipStationHarness.ApiKey + ":" + ShipStationHarness.ApiSecret)));
        for (var i = 0; i < h.Simulator.RateLimitPerMinute; i++)
        {
            (await http.GetAsync(new Uri("carriers", UriKind.Relative))).EnsureSuccessStatusCode();
        }
    }

    private static void AssertRejectedBeforeAnyRequest(ShipStationHarness h, ConnectorValidationException ex, string reason)
    {
        Assert.Equal("resource_url", ex.Field);
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
        Assert.Empty(h.Simulator.GetRequests());
    }

    private Task<ShipStationHarness> CreateSutAsync(string? storeId = null, Dictionary<string, string?>? configuration = null) =>
        ShipStationHarness.StartAsync(azurite, storeId: storeId, configuration: configuration);
}
