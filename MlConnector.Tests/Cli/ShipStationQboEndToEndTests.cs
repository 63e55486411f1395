using Microsoft.Extensions.DependencyInjection;
using MlConnector.Cli.Demo;
using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.ShipStation;
using MlConnector.Core.Intake.ShipStation;
using MlConnector.Core.Integrations.ShipStationQbo;
using MlConnector.Core.Workflows;
using MlConnector.Sandbox.ShipStation;
using MlConnector.Tests.Integration;
using MlConnector.Tests.TestSupport;
using Spectre.Console;

namespace MlConnector.Tests.Cli;

/// <summary>
/// ShipStation → QBO through the whole product: real Azurite, the standalone host, its workflows on the Durable Task Framework, and the
/// simulators over loopback HTTP with their vendors' rate limits.
/// </summary>
// Runs in the Azurite collection so these heavy tests run one at a time with the other integration tests (each starts its own Azurite).
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public class ShipStationQboEndToEndTests
{
    private static readonly IAnsiConsole Quiet = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null), Interactive = InteractionSupport.No });

    [Fact]
    public async Task Demo_TenOrdersWithDuplicateAndMissedWebhooks_EveryGoodOrderHasExactlyOneInvoiceAndTheBadOneFails()
    {
        // Arrange
        await using var sandbox = await DemoSandbox.StartAsync(_ => { }, CancellationToken.None);

        // Act
        var summary = await new DemoRunner(Quiet).RunAsync(sandbox, 10, CancellationToken.None);

        // Assert
        Assert.True(summary.Passed, string.Join("; ", summary.Problems));
        Assert.Equal(9, summary.InvoicesCreated);
        Assert.Equal(9, summary.InvoicesUpdatedWithShipments);
        Assert.Equal(1, summary.FulfillmentsApplied);
        Assert.Equal(2, summary.OrdersMissedByWebhooksFoundByReconciliation);
        Assert.True(summary.DuplicateDeliveriesSuppressed >= 2);
        var failure = Assert.Single(summary.Failures);
        Assert.Equal("Validation", failure.ErrorKind);
        Assert.Contains(DemoOrderGenerator.UnmappedSku, failure.Reason, StringComparison.Ordinal);

        // The one order a fulfillment provider shipped: its invoice carries the fulfillment ShipStation reports, once.
        var fulfillment = Assert.Single(await sandbox.Host.Services.GetRequiredService<IShipStationClient>().ListFulfillmentsAsync(DemoSandbox.ConnectionId, summary.FulfilledOrderNumber!));
        var invoice = Assert.Single(sandbox.Qbo.GetEntities(sandbox.RealmId, "Invoice"), i => (string?)i["DocNumber"] == summary.FulfilledOrderNumber);
        var memo = (string)invoice["CustomerMemo"]!["value"]!;
        Assert.Equal(fulfillment.TrackingNumber, (string?)invoice["TrackingNum"]);
        Assert.Equal(1, memo.Split(fulfillment.TrackingNumber!).Length - 1);
        Assert.Contains($"fulfilled by {fulfillment.SellerFillProviderName}", memo, StringComparison.Ordinal);
        var applied = await sandbox.Host.Services.GetRequiredService<IWorkflowClient>().GetStatusAsync(ShipStationQboKeys.FulfillmentInstance(DemoSandbox.ConnectionId, fulfillment.FulfillmentId));
        Assert.Equal(WorkflowRuntimeStatus.Completed, applied?.RuntimeStatus);
    }

    [Fact]
    public async Task Replay_AfterTheMissingSkuMappingIsAdded_CreatesExactlyOneInvoiceAndNothingTwice()
    {
        // Arrange: three orders, one with an unmapped SKU, delivered twice.
        await using var sandbox = await DemoSandbox.StartAsync(_ => { }, CancellationToken.None);
        var services = sandbox.Host.Services;
        var client = services.GetRequiredService<IWorkflowClient>();
        var orders = sandbox.ShipStation.AddOrders(
        [
            Draft("20001", "MUG-12-WHT"),
            Draft("20002", "GRINDER-X"),
            Draft("20003", "FILTER-100"),
        ]);
        await sandbox.ShipStation.NotifyOrdersAsync(orders, ShipStationWebhookDelivery.Twice);
        var bad = ShipStationQboKeys.OrderInstance(DemoSandbox.ConnectionId, "20002");

        // The page goes through QBO's batch path as one chunk; the order that cannot be invoiced fails in its own workflow.
        await WorkflowWait.ForAsync(client, ShipStationQboKeys.OrderChunkInstance(DemoSandbox.ConnectionId, orders.Select(o => o.OrderNumber)));
        await WorkflowWait.ForAsync(client, bad);

        var failedFirst = await client.GetStatusAsync(bad);

        // Act: the merchant maps the SKU to an existing QBO item; the operator replays the failed order, twice.
        var connections = services.GetRequiredService<IConnectionStore>();
        var connection = (await connections.GetAsync(DemoSandbox.ConnectionId))!;
        var mappings = connection.Mappings.ToDictionary(kv => kv.Key, kv => kv.Value);
        mappings[ShipStationQboNames.SkuMapping] = new Dictionary<string, string>(mappings[ShipStationQboNames.SkuMapping]) { ["GRINDER-X"] = "9" };
        await connections.UpdateAsync(connection with { Mappings = mappings });
        using var http = OperatorHttp.Create(sandbox.Host);
        using var replay = await http.PostAsync(new Uri($"api/workflows/{Uri.EscapeDataString(bad)}/replay", UriKind.Relative), OperatorHttp.Json());
        using var again = await http.PostAsync(new Uri($"api/workflows/{Uri.EscapeDataString(bad)}/replay", UriKind.Relative), OperatorHttp.Json());
        var replayed = await WorkflowWait.ForAsync(client, bad + ":r1");

        // Assert
        Assert.Equal(WorkflowRuntimeStatus.Failed, failedFirst!.RuntimeStatus);
        Assert.Contains("GRINDER-X", failedFirst.Failure!.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(WorkflowRuntimeStatus.Completed, replayed.RuntimeStatus);
        var invoices = sandbox.Qbo.GetEntities(sandbox.RealmId, "Invoice").GroupBy(i => (string?)i["DocNumber"]).ToDictionary(g => g.Key!, g => g.Count());
        Assert.Equal(new Dictionary<string, int> { ["20001"] = 1, ["20002"] = 1, ["20003"] = 1 }, invoices);
        Assert.Equal(1, sandbox.Qbo.Count(sandbox.RealmId, "Customer"));
    }

    [Fact]
    public async Task Webhook_V2Deliveries_AreVerifiedWithShipStationsPublishedKeys()
    {
        // Arrange: ml-connector reads ShipStation's JWKS from the simulator.
        await using var sandbox = await DemoSandbox.StartAsync(_ => { }, CancellationToken.None);
        var simulator = sandbox.ShipStation;
        var secret = await sandbox.Host.Services.GetRequiredService<Core.Secrets.ISecretStore>().GetAsync(Core.Secrets.SecretName.For(DemoSandbox.ConnectionId, ShipStationWebhookApi.SecretPurpose));
        using var http = new HttpClient { BaseAddress = sandbox.Host.BaseAddress };
        var url = new Uri($"api/webhooks/shipstation/{DemoSandbox.ConnectionId}/{secret}", UriKind.Relative);
        const string body = """{"resource_url":"https://api.shipstation.com/v2/tracking?tracking_number=1Z999","resource_type":"API_TRACK"}""";
        var signed = simulator.Signer.Sign(body, TimeProvider.System.GetUtcNow());

        // Act
        using var genuine = await http.SendAsync(Signed(url, body, signed));
        using var tampered = await http.SendAsync(Signed(url, body.Replace("1Z999", "1Z000", StringComparison.Ordinal), signed));
        using var stale = await http.SendAsync(Signed(url, body, simulator.Signer.Sign(body, TimeProvider.System.GetUtcNow().AddMinutes(-20))));
        var forgedKeys = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            using var forged = await http.SendAsync(Signed(url, body, signed with { KeyId = "made-up-" + i }));
            forgedKeys.Add(forged.StatusCode);
        }

        // Assert: the JWKS was fetched once for all of them (a made-up key id refetches at most once a minute).
        Assert.Equal(HttpStatusCode.OK, genuine.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, tampered.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, stale.StatusCode);
        Assert.All(forgedKeys, s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.Equal(1, sandbox.Host.Services.GetRequiredService<ShipStationSigningKeyCache>().Fetches);
    }

    [Fact]
    public async Task MappingPoll_MapsExactSkuMatchesAndReportsWhatIsUnmappedOrBroken()
    {
        // Arrange: GIFT-25 is a QBO Item's SKU; GRINDER-X is nowhere in QBO; OLD-SKU points at a deleted Item.
        await using var sandbox = await DemoSandbox.StartAsync(_ => { }, CancellationToken.None);
        var services = sandbox.Host.Services;
        sandbox.ShipStation.AddProduct("MUG-12-WHT", "Ceramic Mug 12oz", 14m);
        sandbox.ShipStation.AddProduct("GIFT-25", "Gift Card $25", 25m);
        sandbox.ShipStation.AddProduct("GRINDER-X", "Burr grinder", 89m);
        var connections = services.GetRequiredService<IConnectionStore>();
        var connection = (await connections.GetAsync(DemoSandbox.ConnectionId))!;
        var mappings = connection.Mappings.ToDictionary(kv => kv.Key, kv => kv.Value);
        mappings[ShipStationQboNames.SkuMapping] = new Dictionary<string, string>(mappings[ShipStationQboNames.SkuMapping]) { ["OLD-SKU"] = "999" };
        await connections.UpdateAsync(connection with { Mappings = mappings });

        // Act
        var result = await services.GetRequiredService<ShipStationQboMappingPoller>().PollAsync(DemoSandbox.ConnectionId);

        // Assert
        Assert.Equal(3, result.ActiveProducts);
        Assert.Equal(["GIFT-25"], result.AutoMapped);
        Assert.Equal(["GRINDER-X"], result.UnmappedSkus);
        Assert.Contains(result.BrokenMappings, b => b.StartsWith("mappings.sku.OLD-SKU", StringComparison.Ordinal));
        Assert.Empty(result.UnmappedShippingServices);
        Assert.Equal("9", (await connections.GetAsync(DemoSandbox.ConnectionId))!.GetMapping(ShipStationQboNames.SkuMapping, "GIFT-25"));
    }

    [Fact]
    public async Task FulfillmentShipped_DeliveredTwiceThenFoundByReconciliation_UpdatesTheInvoiceOnceAndSkipsTheVoidedFulfillment()
    {
        // Arrange: two invoiced orders; 30001 is shipped by a 3PL, 30002's fulfillment is voided before its webhook goes out.
        await using var sandbox = await DemoSandbox.StartAsync(_ => { }, CancellationToken.None);
        var services = sandbox.Host.Services;
        var client = services.GetRequiredService<IWorkflowClient>();
        var simulator = sandbox.ShipStation;
        var orders = simulator.AddOrders([Draft("30001", "MUG-12-WHT"), Draft("30002", "MUG-12-WHT")]);
        await simulator.NotifyOrdersAsync(orders);
        Assert.Equal(WorkflowRuntimeStatus.Completed, (await WorkflowWait.ForAsync(client, ShipStationQboKeys.OrderChunkInstance(DemoSandbox.ConnectionId, orders.Select(o => o.OrderNumber)))).RuntimeStatus);

        // The sandbox registered FULFILLMENT_SHIPPED in ShipStation with the other events.
        var shipped = simulator.FulfillOrder("30001", "FedEx", "664756278745", "Acme 3PL", 3.75m);
        var voided = simulator.VoidFulfillment(simulator.FulfillOrder("30002", "USPS", "9400111899223197428490").FulfillmentId);

        // Act: every delivery twice; then reconciliation finds both shipped orders again.
        var deliveries = await simulator.NotifyFulfillmentsAsync([shipped, voided], ShipStationWebhookDelivery.Twice);
        var applied = await WorkflowWait.ForAsync(client, ShipStationQboKeys.FulfillmentInstance(DemoSandbox.ConnectionId, shipped.FulfillmentId));
        var voidedNotification = await WorkflowWait.ForAsync(client, ShipStationQboKeys.NotificationInstance(DemoSandbox.ConnectionId, ShipStationWebhookEvents.FulfillmentShipped, simulator.CreateFulfillmentResource(voided)));
        var reconciled = await services.GetRequiredService<ShipStationQboReconciler>().ReconcileAsync(DemoSandbox.ConnectionId);

        // Assert
        Assert.Equal(4, deliveries.Count);
        Assert.All(deliveries, d => Assert.Equal(200, d.StatusCode));
        Assert.Equal(WorkflowRuntimeStatus.Completed, applied.RuntimeStatus);
        Assert.Equal(new DispatchResult(1, 0, 0, 1), voidedNotification.ReadOutputAs<DispatchResult>());
        Assert.Equal(new DispatchResult(2, 0, 1, 1), reconciled.Shipments);
        Assert.Null(await client.GetStatusAsync(ShipStationQboKeys.FulfillmentInstance(DemoSandbox.ConnectionId, voided.FulfillmentId)));

        var invoices = sandbox.Qbo.GetEntities(sandbox.RealmId, "Invoice").ToDictionary(i => (string)i["DocNumber"]!);
        var updated = invoices["30001"];
        var memo = (string)updated["CustomerMemo"]!["value"]!;
        Assert.Equal(("664756278745", "1"), ((string?)updated["TrackingNum"], (string?)updated["SyncToken"]));
        Assert.Equal(shipped.ShipDateUtc.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), (string?)updated["ShipDate"]);
        Assert.Equal("FedEx", (string?)updated["ShipMethodRef"]!["value"]);
        Assert.Equal(1, memo.Split("664756278745").Length - 1);
        Assert.Contains("fulfilled by Acme 3PL", memo, StringComparison.Ordinal);
        var untouched = invoices["30002"];
        Assert.Equal(((string?)null, "0"), ((string?)untouched["TrackingNum"], (string?)untouched["SyncToken"]));

        var audit = services.GetRequiredService<Core.Audit.IAuditTrail>();
        var window = TimeProvider.System.GetUtcNow().AddHours(-1);
        var skips = await audit.QueryAsync(new Core.Audit.AuditQuery(DemoSandbox.ConnectionId, window, window.AddHours(2)) { Operation = "shipstation-qbo.fulfillment.skip" });
        Assert.All(skips, r => Assert.Equal(("30002", "9400111899223197428490"), (r.BusinessKey, r.VendorReference)));
        Assert.Contains(skips, r => r.Detail!.Contains($"Fulfillment {voided.FulfillmentId} was voided", StringComparison.Ordinal));
    }

    private static HttpRequestMessage Signed(Uri url, string body, ShipStationV2Signature signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("x-shipengine-rsa-sha256-key-id", signature.KeyId);
        request.Headers.Add("x-shipengine-rsa-sha256-signature", signature.Signature);
        request.Headers.Add("x-shipengine-timestamp", signature.Timestamp);
        return request;
    }

    private static ShipStationOrderDraft Draft(string orderNumber, string sku) => new(orderNumber)
    {
        CustomerEmail = "pat@example.com",
        CustomerName = "Pat Lee",
        Items = [new ShipStationOrderItem(sku, sku, 1, 20m)],
        ShippingAmount = 5m,
        RequestedShippingService = "UPS Ground",
    };
}
