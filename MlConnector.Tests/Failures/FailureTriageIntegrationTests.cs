using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using MlConnector.Cli.Demo;
using MlConnector.Core.Audit;
using MlConnector.Core.Connections;
using MlConnector.Core.Failures;
using MlConnector.Core.Integrations.ShipStationQbo;
using MlConnector.Core.Workflows;
using MlConnector.Tests.Integration;
using MlConnector.Tests.TestSupport;

namespace MlConnector.Tests.Failures;

/// <summary>
/// The failure queue through the operator API of the standalone host: real Azurite, the Durable Task Framework, the
/// ShipStation and QBO simulators over loopback.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public class FailureTriageIntegrationTests
{
    [Fact]
    public async Task FailuresApi_UnmappedSku_ListedWithWhatToFixThenBulkReplayedOnceAndTheOtherDismissed()
    {
        // Arrange: two orders with unmapped SKUs fail.
        await using var sandbox = await DemoSandbox.StartAsync(_ => { }, CancellationToken.None);
        var services = sandbox.Host.Services;
        var client = services.GetRequiredService<IWorkflowClient>();
        var connectionId = DemoSandbox.ConnectionId;
        await sandbox.ShipStation.NotifyOrdersAsync(sandbox.ShipStation.AddOrders([OrderDrafts.Draft("50001", "GRINDER-X"), OrderDrafts.Draft("50002", "KETTLE-9")]));
        var grinder = ShipStationQboKeys.OrderInstance(connectionId, "50001");
        var kettle = ShipStationQboKeys.OrderInstance(connectionId, "50002");
        await WorkflowWait.ForAsync(client, grinder, WorkflowRuntimeStatus.Failed);
        await WorkflowWait.ForAsync(client, kettle, WorkflowRuntimeStatus.Failed);
        using var http = OperatorHttp.Create(sandbox.Host.BaseAddress, sandbox.Host.OperatorToken);

        // Act 1: list them.
        var listed = await ListAsync(http, $"api/failures?connectionId={connectionId}&kind=merchant-data");

        // Assert 1: a sentence for a person, who fixes it, and the plumbing kept apart in the detail.
        Assert.Equal([kettle, grinder], listed.Select(f => f.Id).Order(StringComparer.Ordinal).Reverse());
        var failure = Assert.Single(listed, f => f.Id == grinder);
        Assert.Equal((connectionId, "order:50001", "Validation", FailureOwner.MerchantData), (failure.ConnectionId, failure.BusinessKey, failure.ErrorKind, failure.WhoFixes));
        Assert.StartsWith("Correct the data, then replay: ", failure.WhatToFix, StringComparison.Ordinal);
        Assert.Contains("GRINDER-X", failure.WhatToFix, StringComparison.Ordinal);
        Assert.DoesNotContain("Activity '", failure.WhatToFix, StringComparison.Ordinal);
        Assert.Contains("QboCheckOrderActivity", failure.Detail, StringComparison.Ordinal);
        Assert.Empty(await ListAsync(http, $"api/failures?connectionId={connectionId}&kind=vendor-outage"));

        // Act 2: the merchant maps GRINDER-X; the operator dismisses the kettle order, then replays all failed, twice,
        // and the grinder order by id as well.
        var connections = services.GetRequiredService<IConnectionStore>();
        await connections.ChangeAsync(connectionId, c =>
        {
            var mappings = c.Mappings.ToDictionary(kv => kv.Key, kv => kv.Value);
            mappings[ShipStationQboNames.SkuMapping] = new Dictionary<string, string>(mappings[ShipStationQboNames.SkuMapping]) { ["GRINDER-X"] = "9" };
            return c with { Mappings = mappings };
        });
        using var dismiss = await http.PostAsJsonAsync($"api/failures/{Uri.EscapeDataString(kettle)}/dismiss", new { reason = "discontinued product, invoiced by hand" });
        var first = await ReplayAsync(http, new { allFailed = true, connectionId });
        var second = await ReplayAsync(http, new { allFailed = true, connectionId });
        var byId = await ReplayAsync(http, new { ids = new[] { grinder, grinder } });
        var replayed = await WorkflowWait.ForAsync(client, grinder + ":r1", WorkflowRuntimeStatus.Completed);

        // Assert 2: one replay, one invoice, the dismissal audited with its reason, nothing left open.
        Assert.Equal(HttpStatusCode.OK, dismiss.StatusCode);
        var result = Assert.Single(first);
        Assert.Equal((grinder, grinder + ":r1", FailureReplayOutcome.Replayed), (result.Id, result.ReplayInstanceId, result.Outcome));
        Assert.Empty(second);
        var again = Assert.Single(byId);
        Assert.Equal((FailureReplayOutcome.AlreadyReplayed, grinder + ":r1"), (again.Outcome, again.ReplayInstanceId));
        Assert.Equal(WorkflowRuntimeStatus.Completed, replayed.RuntimeStatus);
        Assert.Single(sandbox.Qbo.GetEntities(sandbox.RealmId, "Invoice"), i => (string?)i["DocNumber"] == "50001");
        Assert.DoesNotContain(sandbox.Qbo.GetEntities(sandbox.RealmId, "Invoice"), i => (string?)i["DocNumber"] == "50002");
        Assert.Empty(await ListAsync(http, $"api/failures?connectionId={connectionId}"));
        var now = TimeProvider.System.GetUtcNow();
        var audit = await services.GetRequiredService<IAuditTrail>().QueryAsync(new AuditQuery(connectionId, now.AddHours(-1), now.AddMinutes(1)) { Operation = "failure.dismiss" });
        var row = Assert.Single(audit);
        Assert.Equal((kettle, "order:50002"), (row.WorkflowInstanceId, row.BusinessKey));
        Assert.Equal("Dismissed by operator: discontinued product, invoiced by hand", row.Detail);
    }

    [Fact]
    public async Task FailuresApi_BadRequests_AnswerProblemDetails()
    {
        // Arrange
        await using var sandbox = await DemoSandbox.StartAsync(_ => { }, CancellationToken.None);
        using var http = OperatorHttp.Create(sandbox.Host.BaseAddress, sandbox.Host.OperatorToken);

        // Act
        using var neither = await http.PostAsJsonAsync("api/failures/replay", new { something = 1 });
        using var noReason = await http.PostAsJsonAsync("api/failures/x/dismiss", new { reason = " " });
        using var unknown = await http.PostAsJsonAsync("api/failures/shipstation-qbo:demo-coffee:order:1/dismiss", new { reason = "test" });
        using var badSince = await http.GetAsync(new Uri("api/failures?since=yesterday", UriKind.Relative));

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, neither.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badSince.StatusCode);
        Assert.Equal("application/problem+json", neither.Content.Headers.ContentType?.MediaType);
    }

    private static async Task<IReadOnlyList<FailureRecord>> ListAsync(HttpClient http, string url)
    {
        using var response = await http.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<FailuresBody>();
        return body!.Failures;
    }

    private static async Task<IReadOnlyList<FailureReplayResult>> ReplayAsync(HttpClient http, object request)
    {
        using var response = await http.PostAsJsonAsync("api/failures/replay", request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<ReplayBody>();
        return body!.Results;
    }

    private sealed record FailuresBody(IReadOnlyList<FailureRecord> Failures);

    private sealed record ReplayBody(IReadOnlyList<FailureReplayResult> Results);
}
