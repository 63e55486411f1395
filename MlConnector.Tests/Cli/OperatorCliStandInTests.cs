using MlConnector.Tests.TestSupport;

namespace MlConnector.Tests.Cli;

/// <summary>
/// The CLI commands over the routes of the connection test, health and failure queue, against a loopback stand-in of
/// the operator API (the CLI's collaborator): what each command sends (method, path, query, JSON body, credential) and
/// how it turns the answers into output and exit codes.
/// </summary>
public sealed class OperatorCliStandInTests : IAsyncLifetime
{
    private LoopbackVendorServer _api = null!;

    public async Task InitializeAsync() => _api = await LoopbackVendorServer.StartAsync();

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task Test_FailingCheck_PrintsItsFixAndExitsOne()
    {
        // Arrange
        _api.Enqueue(HttpStatusCode.OK, """{"connectionId":"acme","ok":false,"checks":[{"system":"shipstation","check":"credentials","ok":false,"detail":"401 from ShipStation","fix":"Set the API secret again: mlconnector secrets set acme shipstation-api-secret"}]}""");
        _api.Enqueue(HttpStatusCode.OK, """{"connectionId":"acme","ok":true,"checks":[]}""");

        // Act
        var failing = await RunAsync("test", "acme");
        var passing = await RunAsync("test", "acme", "--json");

        // Assert
        Assert.Equal(1, failing.ExitCode);
        Assert.Contains("Set the API secret again", failing.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, passing.ExitCode);
        Assert.True(passing.Json().GetProperty("ok").GetBoolean());
        var request = _api.Requests[0];
        Assert.Equal(("POST", "/api/connections/acme/test"), (request.Method, request.Path));
        Assert.Equal("Bearer t0ken", request.Headers["Authorization"]);
        Assert.StartsWith("application/json", request.Headers["Content-Type"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task HealthAndFailures_SendTheirFiltersAndPrintTheAnswers()
    {
        // Arrange
        _api.Enqueue(HttpStatusCode.OK, """{"connectionId":"acme","paused":false}""");
        _api.Enqueue(HttpStatusCode.OK, """{"status":"Healthy"}""");
        _api.Enqueue(HttpStatusCode.OK, """{"failures":[{"id":"shipstation-qbo:acme:order:1001","connectionId":"acme","businessKey":"1001","errorKind":"Validation","whoFixes":"merchant-data","whatToFix":"Map SKU WIDGET-9 to a QBO item"}]}""");
        _api.Enqueue(HttpStatusCode.OK, """{"id":"x"}""");

        // Act
        var health = await RunAsync("health", "acme", "--json");
        var hostHealth = await RunAsync("health");
        var failures = await RunAsync("failures", "list", "--connection", "acme", "--kind", "Validation", "--since", "2026-12-01T00:00:00Z");
        var dismiss = await RunAsync("failures", "dismiss", "shipstation-qbo:acme:order:1001", "--reason", "order cancelled");

        // Assert
        Assert.Equal(0, health.ExitCode);
        Assert.Equal("acme", health.Json().GetProperty("connectionId").GetString());
        Assert.Equal(0, hostHealth.ExitCode);
        Assert.Contains("Healthy", hostHealth.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, failures.ExitCode);
        Assert.Contains("Map SKU WIDGET-9", failures.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, dismiss.ExitCode);
        var requests = _api.Requests;
        Assert.Equal(("GET", "/api/connections/acme/health"), (requests[0].Method, requests[0].Path));
        Assert.Equal(("GET", "/api/health"), (requests[1].Method, requests[1].Path));
        Assert.Equal(("GET", "/api/failures"), (requests[2].Method, requests[2].Path));
        Assert.Equal("?connectionId=acme&kind=Validation&since=2026-12-01T00%3A00%3A00.0000000%2B00%3A00", requests[2].Query);
        Assert.Equal(("POST", "/api/failures/shipstation-qbo:acme:order:1001/dismiss"), (requests[3].Method, requests[3].Path));
        Assert.Equal("""{"reason":"order cancelled"}""", requests[3].Body);
    }

    [Fact]
    public async Task Replay_IdsOrAllFailed_SendsEachIdOnceAndExitsOneWhenOneIsNotReplayed()
    {
        // Arrange
        _api.Enqueue(HttpStatusCode.OK, """{"results":[{"id":"a","replayInstanceId":"a:r1","outcome":"replayed"},{"id":"b","outcome":"failed","detail":"still failing"}]}""");
        _api.Enqueue(HttpStatusCode.OK, """{"results":[{"id":"a","replayInstanceId":"a:r1","outcome":"replayed"}]}""");

        // Act
        var byIds = await RunAsync("replay", "a", "b", "a", "--json");
        var all = await RunAsync("replay", "--all-failed", "--connection", "acme", "--kind", "Validation");
        var neither = await RunAsync("replay");

        // Assert
        Assert.Equal(1, byIds.ExitCode);
        Assert.Equal(2, byIds.Json().GetProperty("results").GetArrayLength());
        Assert.Equal(0, all.ExitCode);
        Assert.Contains("a:r1", all.Stdout, StringComparison.Ordinal);
        Assert.Equal(2, neither.ExitCode);
        Assert.Equal(2, _api.Requests.Count);
        Assert.Equal(("POST", "/api/failures/replay", """{"ids":["a","b"]}"""), (_api.Requests[0].Method, _api.Requests[0].Path, _api.Requests[0].Body));
        Assert.Equal("""{"allFailed":true,"connectionId":"acme","kind":"Validation"}""", _api.Requests[1].Body);
    }

    [Fact]
    public async Task FunctionKey_IsSentAsXFunctionsKey_AndA403ExitsThree()
    {
        // Arrange
        _api.Enqueue(HttpStatusCode.Forbidden, """{"title":"Forbidden","status":403}""");

        // Act
        var result = await CliProcess.RunAsync(["connections", "list"], new Dictionary<string, string?>
        {
            ["MLCONNECTOR_URL"] = _api.BaseAddress.AbsoluteUri,
            ["MLCONNECTOR_TOKEN"] = null,
            ["MLCONNECTOR_FUNCTION_KEY"] = "fk-123",
        });

        // Assert
        Assert.Equal(3, result.ExitCode);
        Assert.Equal("fk-123", _api.Requests[0].Headers["x-functions-key"]);
        Assert.False(_api.Requests[0].Headers.ContainsKey("Authorization"));
    }

    private Task<CliResult> RunAsync(params string[] args) =>
        CliProcess.RunAsync(args, new Dictionary<string, string?>
        {
            ["MLCONNECTOR_URL"] = _api.BaseAddress.AbsoluteUri,
            ["MLCONNECTOR_TOKEN"] = "t0ken",
            ["MLCONNECTOR_FUNCTION_KEY"] = null,
        });
}
