using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MlConnector.Cli.Chaos;
using MlConnector.Cli.Demo;
using MlConnector.Core.Integrations.ShipStationQbo;
using MlConnector.Core.Storage;
using MlConnector.Sandbox.ShipStation;
using MlConnector.Tests.Integration;
using MlConnector.Tests.TestSupport;

namespace MlConnector.Tests.Cli;

/// <summary>
/// Two <c>mlconnector serve</c> processes on one task hub in one Azurite, sharing the ShipStation → QBO work, one of them
/// killed with SIGKILL halfway: every order still ends with exactly one invoice. The processes run with the production
/// task hub settings (45 s visibility, 20 s leases), so this also shows a dead process's work resuming: within a minute
/// for the task hub, and after the idempotency ledger's claim timeout (3 minutes) for a create the dead process had
/// claimed and not finished.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public class ScaleOutTests(AzuriteFixture azurite)
{
    private const int OrderCount = 200;
    private const string ActivityRan = "ran activity";

    [Fact]
    public async Task TwoServeProcesses_OneKilledHalfway_EveryOrderHasExactlyOneInvoiceAndBothDidWork()
    {
        // Arrange: the demo sandbox (simulators, connection, QBO consent, ShipStation webhooks) on the shared Azurite, set
        // up through an in-process host that then stops; two serve processes take its place, the first on its port.
        var prefix = azurite.NewPrefix();
        await using var sandbox = await SharedAzuriteDemo.StartAsync(azurite, prefix);
        var settings = ServeSettingsOf(sandbox.Host.Services.GetRequiredService<IConfiguration>());
        var port = sandbox.Host.BaseAddress.Port;
        await sandbox.Host.DisposeAsync();
        await using var first = await ServeProcess.StartAsync(port, settings, assemblyPath: CliProcess.AssemblyPath);
        var second = await ServeProcess.StartAsync(LoopbackPort.FindFree(), settings, assemblyPath: CliProcess.AssemblyPath);
        await using var secondLifetime = second;

        var drafts = DemoOrderGenerator.Generate(OrderCount, badOrderIndex: -1, TimeProvider.System.GetUtcNow().AddHours(-6));
        var batches = drafts.Chunk(20).ToList();

        // Act: the first half arrives; once the second process has done part of the work it is killed; the rest arrives.
        foreach (var batch in batches.Take(batches.Count / 2))
        {
            await DeliverAsync(sandbox.ShipStation, batch);
        }

        // Pages of 20 orders go through QBO's batch path: a fetch and a chunk activity per delivery.
        try
        {
            await WorkflowWait.UntilAsync(() => Task.FromResult(second.CountOutputLines(ActivityRan) >= 2), TimeSpan.FromMinutes(3));
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"The second process ran {second.CountOutputLines(ActivityRan)} activities, the first {first.CountOutputLines(ActivityRan)}; "
                + $"{sandbox.Qbo.GetEntities(sandbox.RealmId, "Invoice").Count} invoices. First said: " + string.Join(" | ", first.Output.TakeLast(25))
                + " Second said: " + string.Join(" | ", second.Output.TakeLast(25)));
        }

        var killedAfter = second.CountOutputLines(ActivityRan);
        second.Kill();
        foreach (var batch in batches.Skip(batches.Count / 2))
        {
            await DeliverAsync(sandbox.ShipStation, batch);
        }

        try
        {
            await WorkflowWait.UntilAsync(
                () => Task.FromResult(sandbox.Qbo.GetEntities(sandbox.RealmId, "Invoice").Count >= OrderCount),
                TimeSpan.FromMinutes(8));
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"{sandbox.Qbo.GetEntities(sandbox.RealmId, "Invoice").Count} of {OrderCount} invoices; instances: "
                + $"{await CountAsync(first, "Running")} running, {await CountAsync(first, "Pending")} pending, {await CountAsync(first, "Failed")} failed, {await CountAsync(first, "Completed")} completed. "
                + "Surviving process said: " + string.Join(" | ", first.Output.Where(l => !l.Contains(ActivityRan, StringComparison.Ordinal)).TakeLast(40)));
        }

        await WorkflowWait.UntilAsync(async () => (await CountAsync(first, "Running") + await CountAsync(first, "Pending")) == 0, TimeSpan.FromMinutes(3));

        // Assert: one invoice per order, none twice; nothing failed; both processes ran activities.
        var invoices = sandbox.Qbo.GetEntities(sandbox.RealmId, "Invoice").Select(i => (string?)i["DocNumber"]).ToList();
        Assert.Equal(drafts.Select(d => d.OrderNumber).Order(StringComparer.Ordinal), invoices.Order(StringComparer.Ordinal));
        Assert.Equal(0, await CountAsync(first, "Failed"));
        Assert.True(killedAfter > 0 && first.CountOutputLines(ActivityRan) > 0, $"first ran {first.CountOutputLines(ActivityRan)}, second {killedAfter} before it was killed");
        Assert.True(second.HasExited);
    }

    /// <summary>What the in-process host ran with, as settings for the serve processes; its workers log every activity they run.</summary>
    private static Dictionary<string, string?> ServeSettingsOf(IConfiguration configuration)
    {
        var settings = ServeProcess.SettingsOf(configuration);
        settings["Logging:LogLevel:MlConnector.Cli.Serve.TaskHub.TaskHubWorkflowActivity"] = "Debug";

        // The batched path turns 100 orders into 10 activities; with the default 10 at a time, one worker can hold them all.
        // One at a time per process makes the two compete for the shared work-item queue, as a larger load would.
        settings["Workflows:MaxConcurrentActivities"] = "1";
        return settings;
    }

    private static async Task DeliverAsync(ShipStationSimulator shipStation, IEnumerable<DemoOrder> batch)
    {
        var orders = shipStation.AddOrders(batch.Select(DemoRunner.ToDraft));
        var results = await shipStation.NotifyOrdersAsync(orders, ShipStationWebhookDelivery.Once);
        Assert.All(results, r => Assert.Equal(200, r.StatusCode));
    }

    private static async Task<int> CountAsync(ServeProcess host, string status)
    {
        using var http = OperatorHttp.Create(host.BaseAddress, host.OperatorToken);
        using var list = JsonDocument.Parse(await http.GetStringAsync(new Uri($"api/workflows?status={status}&connectionId={DemoSandbox.ConnectionId}", UriKind.Relative)));
        return list.RootElement.GetArrayLength();
    }
}
