using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using MlConnector.Core.Audit;
using MlConnector.Core.Integrations.QbdShipStation;
using MlConnector.Core.Workflows;
using MlConnector.Tests.Integration;
using MlConnector.Tests.TestSupport;

namespace MlConnector.Tests.Integrations.QbdShipStation;

/// <summary>
/// The Web Connector endpoint, health, <c>.qwc</c>, inventory and the <c>modifyDate</c> poll on the real standalone host
/// (Azurite, SoapCore at <c>/api/qbwc</c>), driven by the simulated Web Connector over real SOAP on loopback.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public class QbdWebConnectorOnHostTests(AzuriteFixture azurite)
{
    private static readonly string[] Operations = ["serverVersion", "clientVersion", "authenticate", "sendRequestXML", "receiveResponseXML", "connectionError", "getLastError", "closeConnection"];

    [Fact]
    public async Task Endpoint_OnTheHost_ServesEveryWsdlOperation_AndAWrongPasswordIsNotAuthenticated()
    {
        // Arrange
        await using var rig = await QbdShipStationRig.StartAsync(azurite);
        using var http = new HttpClient { BaseAddress = rig.Host.BaseAddress };

        // Act
        var wsdl = XDocument.Parse(await http.GetStringAsync(new Uri("api/qbwc?wsdl", UriKind.Relative)));
        var wrong = await rig.Sandbox.QuickBooks.RunUpdateAsync(rig.Sandbox.Endpoint, QbdShipStationRig.UserNameOf, "not the password");
        var right = await rig.Sandbox.RunWebConnectorAsync(CancellationToken.None);

        // Assert
        var operations = wsdl.Descendants().Where(e => e.Name.LocalName == "operation" && e.Parent?.Name.LocalName == "portType").Select(e => (string?)e.Attribute("name")).ToHashSet();
        Assert.Equal("http://developer.intuit.com/", (string?)wsdl.Root!.Attribute("targetNamespace"));
        Assert.Superset(Operations.ToHashSet<string?>(), operations);
        Assert.False(wrong.Authenticated);
        Assert.True(right.Authenticated);
        Assert.False(right.HadWork);
    }

    [Fact]
    public async Task QuickBooksClosed_ForOnePoll_HealthSaysSoWithGuidance_UntilQuickBooksAnswersAgain()
    {
        // Arrange: an order waits to be checked, so the Web Connector has work.
        await using var rig = await QbdShipStationRig.StartAsync(azurite);
        var (shipStation, quickBooks) = (rig.Sandbox.ShipStation, rig.Sandbox.QuickBooks);
        quickBooks.AddCustomer("Ada Lovelace");
        quickBooks.AddInventoryItem("WIDGET-1", 3);
        var orders = shipStation.AddOrders([QbdShipStationRig.Draft("QS-4001", "Ada Lovelace", ("WIDGET-1", 1, 12.50m))]);
        await shipStation.NotifyOrdersAsync(orders);
        await rig.WaitForIntakeAsync();
        using var http = new HttpClient { BaseAddress = rig.Host.BaseAddress };

        // Act: QuickBooks is closed for one poll, then open again.
        quickBooks.QuickBooksClosed = true;
        var closed = await rig.Sandbox.RunWebConnectorUntilAsync(() => Task.FromResult(rig.Sandbox.Runs.Any(r => r.LastError is not null)), 50, TimeSpan.FromMilliseconds(100), CancellationToken.None);
        var whileClosed = await QbwcHealthAsync(http);
        quickBooks.QuickBooksClosed = false;
        await rig.RunUntilFinishedAsync(QbdShipStationKeys.OrderBatchInstance(QbdShipStationRig.ConnectionId, ["QS-4001"]));
        var afterwards = await QbwcHealthAsync(http);

        // Assert
        Assert.True(closed);
        Assert.Equal("Degraded", whileClosed.GetProperty("status").GetString());
        var problem = whileClosed.GetProperty("data").GetProperty(QbdShipStationRig.ConnectionId).GetProperty("quickBooksProblem").GetString();
        Assert.Contains("open QuickBooks Desktop with the company file", problem, StringComparison.Ordinal);
        Assert.Equal("Healthy", afterwards.GetProperty("status").GetString());
        var data = afterwards.GetProperty("data").GetProperty(QbdShipStationRig.ConnectionId);
        Assert.Equal(JsonValueKind.Null, data.GetProperty("quickBooksProblem").ValueKind);
        Assert.True(data.GetProperty("lastSeenUtc").GetDateTimeOffset() > TimeProvider.System.GetUtcNow().AddMinutes(-5));
    }

    [Fact]
    public async Task Qwc_OperatorRouteAndCli_NameTheEndpointTheUserAndTheSchedule_AndHoldNoPassword()
    {
        // Arrange
        await using var rig = await QbdShipStationRig.StartAsync(azurite);
        using var http = OperatorHttp.Create(rig.Host.BaseAddress, rig.Host.OperatorToken);

        // Act
        using var response = await http.GetAsync(new Uri($"api/connections/{QbdShipStationRig.ConnectionId}/qwc", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        using var other = await http.GetAsync(new Uri("api/connections/no-such-connection/qwc", UriKind.Relative));
        var file = Path.Combine(Path.GetTempPath(), $"mlc-{Guid.NewGuid():N}.qwc");
        var cli = await CliProcess.RunAsync(["qwc", QbdShipStationRig.ConnectionId, "--output", file], new Dictionary<string, string?> { ["MLCONNECTOR_URL"] = rig.Host.BaseAddress.AbsoluteUri, ["MLCONNECTOR_TOKEN"] = rig.Host.OperatorToken, ["MLCONNECTOR_FUNCTION_KEY"] = null });
        var saved = File.Exists(file) ? await File.ReadAllTextAsync(file) : string.Empty;
        File.Delete(file);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var qwc = XDocument.Parse(text).Root!;
        Assert.Equal(new Uri(rig.Host.BaseAddress, "api/qbwc").AbsoluteUri, (string?)qwc.Element("AppURL"));
        Assert.Equal(QbdShipStationRig.UserNameOf, (string?)qwc.Element("UserName"));
        Assert.Equal("1", (string?)qwc.Element("Scheduler")?.Element("RunEveryNMinutes"));
        Assert.Equal("QBFS", (string?)qwc.Element("QBType"));
        Assert.DoesNotContain(rig.Sandbox.Password, text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.True(cli.ExitCode == 0, cli.All);
        Assert.Equal(text, saved);
        Assert.DoesNotContain(rig.Sandbox.Password, cli.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inventory_OpenOrdersAboveQuantityOnHand_AreReportedPerItemInTheAuditAndTheOperatorApi()
    {
        // Arrange: 3 WIDGET-1 ordered, of which 1 ships (no longer open), and 1 on hand; GADGET-2 is covered.
        await using var rig = await QbdShipStationRig.StartAsync(azurite);
        var (shipStation, quickBooks) = (rig.Sandbox.ShipStation, rig.Sandbox.QuickBooks);
        quickBooks.AddCustomer("Ada Lovelace");
        quickBooks.AddInventoryItem("WIDGET-1", 1);
        quickBooks.AddInventoryItem("GADGET-2", 10);
        var orders = shipStation.AddOrders(
        [
            QbdShipStationRig.Draft("QS-5001", "Ada Lovelace", ("WIDGET-1", 2, 12.50m), ("GADGET-2", 1, 99m)),
            QbdShipStationRig.Draft("QS-5002", "Ada Lovelace", ("WIDGET-1", 1, 12.50m)),
        ]);
        await shipStation.NotifyOrdersAsync(orders);
        await rig.WaitForIntakeAsync();
        await rig.RunUntilFinishedAsync(QbdShipStationKeys.OrderBatchInstance(QbdShipStationRig.ConnectionId, orders.Select(o => o.OrderNumber)));
        var shipped = shipStation.ShipOrder("QS-5002", "ups", "ups_ground", "1Z5550002", 8m);
        await shipStation.NotifyShipmentsAsync([shipped]);
        await rig.WaitForIntakeAsync();
        await rig.RunUntilFinishedAsync(QbdShipStationRig.ShipmentInstance(shipped));
        var occurrence = new DateTimeOffset(2026, 12, 6, 6, 0, 0, TimeSpan.Zero);

        // Act
        await rig.Host.Services.GetRequiredService<QbdInventoryReconcileJob>().RunAsync(occurrence);
        var run = Assert.Single(await rig.RunUntilFinishedAsync(QbdShipStationKeys.InventoryInstance(QbdShipStationRig.ConnectionId, occurrence)));
        using var http = OperatorHttp.Create(rig.Host.BaseAddress, rig.Host.OperatorToken);
        using var report = JsonDocument.Parse(await http.GetStringAsync(new Uri($"api/connections/{QbdShipStationRig.ConnectionId}/inventory", UriKind.Relative)));

        // Assert
        Assert.Equal(WorkflowRuntimeStatus.Completed, run.RuntimeStatus);
        var discrepancy = Assert.Single(report.RootElement.GetProperty("discrepancies").EnumerateArray());
        Assert.Equal(("WIDGET-1", 2, 1m, "short by 1"), (discrepancy.GetProperty("item").GetString(), discrepancy.GetProperty("orderedOpen").GetInt32(), discrepancy.GetProperty("onHand").GetDecimal(), discrepancy.GetProperty("problem").GetString()));
        Assert.Equal(2, report.RootElement.GetProperty("itemsChecked").GetInt32());
        var now = TimeProvider.System.GetUtcNow();
        var audit = await rig.Host.Services.GetRequiredService<IAuditTrail>().QueryAsync(new AuditQuery(QbdShipStationRig.ConnectionId, now.AddHours(-1), now.AddHours(1)) { Operation = QbdShipStationNames.InventoryOperation });
        Assert.Equal("WIDGET-1", Assert.Single(audit).BusinessKey);
    }

    [Fact]
    public async Task Poll_OrderShippedWhileEveryWebhookWasLost_IsFoundByModifyDateAndInvoicedOnce()
    {
        // Arrange: an order created and shipped in ShipStation; no webhook reaches ml-connector.
        await using var rig = await QbdShipStationRig.StartAsync(azurite);
        var (shipStation, quickBooks) = (rig.Sandbox.ShipStation, rig.Sandbox.QuickBooks);
        quickBooks.AddCustomer("Grace Hopper");
        quickBooks.AddInventoryItem("GADGET-2", 4);
        var order = Assert.Single(shipStation.AddOrders([QbdShipStationRig.Draft("QS-6001", "Grace Hopper", ("GADGET-2", 1, 99m))]));
        var shipment = shipStation.ShipOrder(order.OrderNumber, "ups", "ups_ground", "1Z6660001", 8m);
        var poller = rig.Host.Services.GetRequiredService<QbdShipStationPoller>();

        // Act: two passes (the second finds it again).
        var first = await poller.PollAsync(QbdShipStationRig.ConnectionId);
        var second = await poller.PollAsync(QbdShipStationRig.ConnectionId);
        var posted = Assert.Single(await rig.RunUntilFinishedAsync(QbdShipStationRig.ShipmentInstance(shipment)));

        // Assert
        Assert.Equal(1, first.Started);
        Assert.Equal(0, second.Started);
        Assert.Equal(QbdShipStationWorkflowOutcomes.Created, posted.ReadOutputAs<QbdPostingResult>()!.Outcome);
        Assert.Equal("QS-6001", Assert.Single(quickBooks.Invoices).RefNumber);
    }

    private static async Task<JsonElement> QbwcHealthAsync(HttpClient http)
    {
        using var response = await http.GetAsync(new Uri("api/health", UriKind.Relative));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("checks").GetProperty(QbdWebConnectorHealthCheck.Name).Clone();
    }
}
