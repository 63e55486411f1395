using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using MlConnector.Cli.Demo;
using MlConnector.Core.Connectors.ShipStation;
using MlConnector.Core.Integrations.ShipStationQbo;
using MlConnector.Core.Secrets;
using MlConnector.Core.Workflows;
using MlConnector.Sandbox.ShipStation;
using MlConnector.Tests.Integration;
using MlConnector.Tests.TestSupport;

namespace MlConnector.Tests.Cli;

/// <summary>
/// README's "Put it to work" step 7 with only CLI commands (<c>mlconnector …</c> run as a process) against the real
/// standalone host, its routes and the vendor simulators (the demo's sandbox): a wrong secret reported by <c>test</c> with
/// its fix, and fixed with <c>secrets set</c>; a failed order in <c>failures list</c> with what to fix; the mapping fixed with
/// <c>connections update</c>; one <c>replay --all-failed</c> syncing it exactly once; <c>health</c>; a paused connection
/// writing nothing while its webhooks are accepted and syncing once after <c>resume</c>. No secret value in any output.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public class OperatorCliEndToEndTests
{
    [Fact]
    public async Task Cli_TestFixFailuresReplayHealthPauseResume_EveryStepACommandOnTheRealHost()
    {
        // Arrange: the demo's host and simulators; connection demo-coffee exists, as after README steps 1-6.
        await using var sandbox = await DemoSandbox.StartAsync(_ => { }, CancellationToken.None);
        var id = DemoSandbox.ConnectionId;
        var secrets = sandbox.Host.Services.GetRequiredService<ISecretStore>();
        var rightSecret = (await secrets.GetAsync(SecretName.For(id, ShipStationClient.ApiSecretSecret)))!;
        const string WrongSecret = "wrong-shipstation-secret-7c1a";
        var env = new Dictionary<string, string?> { ["MLCONNECTOR_URL"] = sandbox.Host.BaseAddress.AbsoluteUri, ["MLCONNECTOR_TOKEN"] = sandbox.Host.OperatorToken, ["MLCONNECTOR_FUNCTION_KEY"] = null };
        var runs = new List<CliResult>();
        async Task<CliResult> Cli(string[] args, string? stdin = null)
        {
            var result = await CliProcess.RunAsync(args, env, stdin);
            runs.Add(result);
            return result;
        }

        // Act 1: a wrong secret, found by `test`, fixed with `secrets set`.
        await Cli(["secrets", "set", id, ShipStationClient.ApiSecretSecret], WrongSecret);
        var failing = await Cli(["test", id, "--json"]);
        await Cli(["secrets", "set", id, ShipStationClient.ApiSecretSecret], rightSecret);
        var passing = await Cli(["test", id, "--json"]);

        // Act 2: an order with an unmapped SKU fails; the operator reads why, maps the SKU, replays all failed (twice).
        await sandbox.ShipStation.NotifyOrdersAsync(sandbox.ShipStation.AddOrders([OrderDrafts.Draft("70001", "GRINDER-X")]));
        var client = sandbox.Host.Services.GetRequiredService<IWorkflowClient>();
        await WorkflowWait.ForAsync(client, ShipStationQboKeys.OrderInstance(id, "70001"), WorkflowRuntimeStatus.Failed);
        var failures = await Cli(["failures", "list", "--connection", id, "--json"]);
        var shown = await Cli(["connections", "show", id, "--json"]);
        var document = JsonNode.Parse(shown.Stdout)!.AsObject();
        document["mappings"]![ShipStationQboNames.SkuMapping]!["GRINDER-X"] = "9";
        var file = Path.Combine(Path.GetTempPath(), $"mlc-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, document.ToJsonString());
        var updated = await Cli(["connections", "update", id, "--file", file]);
        File.Delete(file);
        var replay = await Cli(["replay", "--all-failed", "--connection", id, "--json"]);
        await WorkflowWait.ForAsync(client, ShipStationQboKeys.OrderInstance(id, "70001") + ":r1", WorkflowRuntimeStatus.Completed);
        var replayAgain = await Cli(["replay", "--all-failed", "--connection", id, "--json"]);
        var health = await Cli(["health", id, "--json"]);

        // Act 3: paused, an order arrives (accepted, nothing written); resumed, it syncs once.
        var paused = await Cli(["connections", "pause", id, "--reason", "month-end"]);
        var delivered = await sandbox.ShipStation.NotifyOrdersAsync(sandbox.ShipStation.AddOrders([OrderDrafts.Draft("70002")]), ShipStationWebhookDelivery.Twice);
        await sandbox.WaitForIntakeAsync(CancellationToken.None);
        var invoicesWhilePaused = sandbox.Qbo.GetEntities(sandbox.RealmId, "Invoice").Count(i => (string?)i["DocNumber"] == "70002");
        var resumed = await Cli(["connections", "resume", id, "--json"]);
        await WorkflowWait.ForAsync(client, ShipStationQboKeys.OrderInstance(id, "70002"), WorkflowRuntimeStatus.Completed);

        // Assert
        Assert.True(failing.ExitCode == 1, failing.All);
        var credentials = failing.Json().GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("system").GetString() == "shipstation" && c.GetProperty("check").GetString() == "credentials");
        Assert.False(credentials.GetProperty("ok").GetBoolean());
        Assert.Contains("mlconnector secrets set", credentials.GetProperty("fix").GetString(), StringComparison.Ordinal);
        Assert.True(passing.Json().GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("system").GetString() == "shipstation" && c.GetProperty("check").GetString() == "credentials").GetProperty("ok").GetBoolean(), passing.All);
        var failure = Assert.Single(failures.Json().GetProperty("failures").EnumerateArray());
        Assert.Contains("GRINDER-X", failure.GetProperty("whatToFix").GetString(), StringComparison.Ordinal);
        Assert.Equal("merchant-data", failure.GetProperty("whoFixes").GetString());
        Assert.True(updated.ExitCode == 0, updated.All);
        Assert.True(replay.ExitCode == 0, replay.All);
        Assert.Equal("replayed", Assert.Single(replay.Json().GetProperty("results").EnumerateArray()).GetProperty("outcome").GetString(), StringComparer.OrdinalIgnoreCase);
        Assert.Empty(replayAgain.Json().GetProperty("results").EnumerateArray());
        Assert.Single(sandbox.Qbo.GetEntities(sandbox.RealmId, "Invoice"), i => (string?)i["DocNumber"] == "70001");
        Assert.True(health.ExitCode == 0, health.All);
        Assert.Equal(0, paused.ExitCode);
        Assert.All(delivered, d => Assert.Equal(200, d.StatusCode));
        Assert.Equal(0, invoicesWhilePaused);
        Assert.True(resumed.ExitCode == 0, resumed.All);
        Assert.Single(sandbox.Qbo.GetEntities(sandbox.RealmId, "Invoice"), i => (string?)i["DocNumber"] == "70002");
        foreach (var run in runs)
        {
            Assert.DoesNotContain(rightSecret, run.All, StringComparison.Ordinal);
            Assert.DoesNotContain(WrongSecret, run.All, StringComparison.Ordinal);
        }
    }
}
