using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MlConnector.Cli.Demo;
using MlConnector.Core.Connectors.ShipStation;
using MlConnector.Core.Integrations.ShipStationQbo;
using MlConnector.Core.Integrations.ShipStationQbo.Workflows;
using MlConnector.Core.Workflows;
using MlConnector.Sandbox.ShipStation;
using MlConnector.Tests.Integration;
using MlConnector.Tests.TestSupport;

namespace MlConnector.Tests.Integrations.ShipStationQbo;

/// <summary>
/// The backfill on the demo sandbox: the standalone host on real Azurite with its workflows on the Durable Task Framework,
/// its operator routes over loopback HTTP, and the ShipStation and QBO simulators, whose request logs show what was read and written.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public class ShipStationQboBackfillIntegrationTests
{
    [Fact]
    public async Task Backfill_KilledAfterItsFirstPage_ResumesAtTheNextPageAndInvoicesEveryOrderOnce()
    {
        // Arrange: 60 historical orders, three pages of 20; a first run dispatched page 1 and then its process died.
        await using var sandbox = await DemoSandbox.StartAsync(_ => { }, CancellationToken.None, builder =>
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Schedules:ShipStationQboReconcile"] = "0 0 0 1 1 *" }));
        var numbers = Enumerable.Range(50001, 60).Select(n => n.ToString(CultureInfo.InvariantCulture)).ToList();
        sandbox.ShipStation.AddOrders(numbers.Select(Draft));
        var since = new DateTimeOffset(TimeProvider.System.GetUtcNow().UtcDateTime.Date.AddDays(-1), TimeSpan.Zero);
        var backfill = sandbox.Host.Services.GetRequiredService<ShipStationQboBackfill>();
        var killed = await backfill.RunPageAsync(new BackfillInput(DemoSandbox.ConnectionId, since, PageSize: 20, Page: 1));
        var before = sandbox.ShipStation.GetRequests().Count;
        using var http = OperatorHttp.Create(sandbox.Host.BaseAddress, sandbox.Host.OperatorToken);
        var route = new Uri($"api/connections/{DemoSandbox.ConnectionId}/backfill", UriKind.Relative);

        // Act: the operator starts the same backfill again through the host.
        using var started = await http.PostAsJsonAsync(route, new { since = since.ToString("o", CultureInfo.InvariantCulture), pageSize = 20 });
        var workflows = sandbox.Host.Services.GetRequiredService<IWorkflowClient>();
        var run = await WorkflowWait.ForAsync(workflows, ShipStationQboKeys.BackfillInstance(DemoSandbox.ConnectionId, since));
        foreach (var page in numbers.Chunk(20))
        {
            await WorkflowWait.ForAsync(workflows, ShipStationQboKeys.OrderChunkInstance(DemoSandbox.ConnectionId, page), WorkflowRuntimeStatus.Completed);
        }

        using var progress = await http.GetAsync(route);
        var state = await progress.Content.ReadFromJsonAsync<JsonElement>();

        // Assert: page 1 was not read again; every order has exactly one invoice.
        Assert.Equal((1, 3, 20), (killed.PagesDone, killed.Pages, killed.Orders));
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        Assert.Equal(WorkflowRuntimeStatus.Completed, run.RuntimeStatus);
        var reads = sandbox.ShipStation.GetRequests().Skip(before).Where(r => r.Path == "/orders").Select(r => r.Query).ToList();
        Assert.Equal(2, reads.Count);
        Assert.All(reads, q => Assert.Contains("pageSize=20", q, StringComparison.Ordinal));
        Assert.DoesNotContain(reads, q => q.Contains("page=1&", StringComparison.Ordinal) || q.EndsWith("page=1", StringComparison.Ordinal));
        var invoices = sandbox.Qbo.GetEntities(sandbox.RealmId, "Invoice").GroupBy(i => (string?)i["DocNumber"]).ToDictionary(g => g.Key!, g => g.Count());
        Assert.Equal(numbers, invoices.Keys.Order(StringComparer.Ordinal));
        Assert.All(invoices.Values, count => Assert.Equal(1, count));
        Assert.Equal(HttpStatusCode.OK, progress.StatusCode);
        Assert.Equal("Completed", state.GetProperty("runtimeStatus").GetString());
        var row = state.GetProperty("progress");
        Assert.Equal((3, 3, 60, true), (row.GetProperty("pagesDone").GetInt32(), row.GetProperty("pages").GetInt32(), row.GetProperty("orders").GetInt32(), row.GetProperty("completed").GetBoolean()));
    }

    [Fact]
    public async Task Backfill_MorePagesThanOneRunTakes_ContinuesAsNewOnTheTaskHubAndInvoicesEveryOrderOnce()
    {
        // Arrange: 22 historical orders in pages of 2, one more page than a run of the workflow takes.
        await using var sandbox = await DemoSandbox.StartAsync(_ => { }, CancellationToken.None, builder =>
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Schedules:ShipStationQboReconcile"] = "0 0 0 1 1 *" }));
        var pages = ShipStationQboBackfillWorkflow.PagesPerRun + 1;
        var numbers = Enumerable.Range(61001, 2 * pages).Select(n => n.ToString(CultureInfo.InvariantCulture)).ToList();
        sandbox.ShipStation.AddOrders(numbers.Select(Draft));
        var since = new DateTimeOffset(TimeProvider.System.GetUtcNow().UtcDateTime.Date.AddDays(-1), TimeSpan.Zero);
        var before = sandbox.ShipStation.GetRequests().Count;
        var workflows = sandbox.Host.Services.GetRequiredService<IWorkflowClient>();
        var instanceId = ShipStationQboKeys.BackfillInstance(DemoSandbox.ConnectionId, since);

        // Act
        await workflows.StartAsync(nameof(ShipStationQboBackfillWorkflow), instanceId, new BackfillInput(DemoSandbox.ConnectionId, since, PageSize: 2));
        var run = await WorkflowWait.ForAsync(workflows, instanceId, limit: TimeSpan.FromMinutes(4));
        foreach (var page in numbers.Chunk(2))
        {
            await WorkflowWait.ForAsync(workflows, ShipStationQboKeys.OrderChunkInstance(DemoSandbox.ConnectionId, page), WorkflowRuntimeStatus.Completed);
        }

        // Assert: the second run (one continuation) read the last page; each page was read once; every order has one invoice.
        Assert.Equal(WorkflowRuntimeStatus.Completed, run.RuntimeStatus);
        using var custom = JsonDocument.Parse(run.SerializedCustomStatus!);
        Assert.Equal(("done", 1, pages), (custom.RootElement.GetProperty("step").GetString(), custom.RootElement.GetProperty("continued").GetInt32(), custom.RootElement.GetProperty("pagesDone").GetInt32()));
        var reads = sandbox.ShipStation.GetRequests().Skip(before).Where(r => r.Path == "/orders").ToList();
        Assert.Equal(pages, reads.Count);
        var invoices = sandbox.Qbo.GetEntities(sandbox.RealmId, "Invoice").GroupBy(i => (string?)i["DocNumber"]).ToDictionary(g => g.Key!, g => g.Count());
        Assert.Equal(numbers, invoices.Keys.Order(StringComparer.Ordinal));
        Assert.All(invoices.Values, count => Assert.Equal(1, count));
    }

    private static ShipStationOrderDraft Draft(string orderNumber) => new(orderNumber)
    {
        CustomerEmail = $"buyer{orderNumber[^1]}@example.com",
        CustomerName = "Buyer " + orderNumber[^1],
        Items = [new ShipStationOrderItem("MUG-12-WHT", "Mug", 1, 20m)],
        ShippingAmount = 5m,
        RequestedShippingService = "UPS Ground",
    };
}
