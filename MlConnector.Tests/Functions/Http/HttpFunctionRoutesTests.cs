using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Azure.Functions.Worker;
using MlConnector.Functions.Http;

namespace MlConnector.Tests.Functions.Http;

/// <summary>
/// The HTTP functions against the standalone host's route table (MlConnector.Cli/Serve/StandaloneHost.cs MapRoutes,
/// including the vendor webhooks): same methods and routes under <c>/api</c>, operator routes behind function keys,
/// browser and vendor routes anonymous, and every route parameter bound to a method parameter of the same name.
/// </summary>
public partial class HttpFunctionRoutesTests
{
    public static TheoryData<string, string, string, AuthorizationLevel> Routes => new()
    {
        { nameof(HealthHttp), "get", "health", AuthorizationLevel.Anonymous },
        { nameof(OpenApiHttp), "get", "openapi.json", AuthorizationLevel.Anonymous },
        { nameof(OAuthConnectHttp), "get", "oauth/{provider}/connect/{connectionId}", AuthorizationLevel.Anonymous },
        { nameof(OAuthCallbackHttp), "get", "oauth/{provider}/callback", AuthorizationLevel.Anonymous },
        { nameof(ShipStationWebhook), "post", "webhooks/shipstation/{connectionId}/{secret}", AuthorizationLevel.Anonymous },
        { nameof(QboWebhook), "post", "webhooks/qbo", AuthorizationLevel.Anonymous },
        { nameof(QbdWebConnectorHttp), "get,post", "qbwc", AuthorizationLevel.Anonymous },
        { nameof(UpsTrackAlertWebhook), "post", "webhooks/ups/{connectionId}/{secret}", AuthorizationLevel.Anonymous },
        { nameof(FreshBooksWebhook), "post", "webhooks/freshbooks/{connectionId}", AuthorizationLevel.Anonymous },
        { nameof(ConnectionsListHttp), "get", "connections", AuthorizationLevel.Function },
        { nameof(ConnectionsCreateHttp), "post", "connections", AuthorizationLevel.Function },
        { nameof(ConnectionsGetHttp), "get", "connections/{id}", AuthorizationLevel.Function },
        { nameof(ConnectionsUpdateHttp), "put", "connections/{id}", AuthorizationLevel.Function },
        { nameof(ConnectionsDeleteHttp), "delete", "connections/{id}", AuthorizationLevel.Function },
        { nameof(ConnectionsSecretsSetHttp), "put", "connections/{id}/secrets/{name}", AuthorizationLevel.Function },
        { nameof(SecretsSetHttp), "put", "secrets/{name}", AuthorizationLevel.Function },
        { nameof(ConnectionsWebhooksRegisterHttp), "post", "connections/{id}/webhooks/register", AuthorizationLevel.Function },
        { nameof(ConnectionsPauseHttp), "post", "connections/{id}/pause", AuthorizationLevel.Function },
        { nameof(ConnectionsResumeHttp), "post", "connections/{id}/resume", AuthorizationLevel.Function },
        { nameof(ConnectionsAuditHttp), "get", "connections/{id}/audit", AuthorizationLevel.Function },
        { nameof(WorkflowsListHttp), "get", "workflows", AuthorizationLevel.Function },
        { nameof(WorkflowsGetHttp), "get", "workflows/{instanceId}", AuthorizationLevel.Function },
        { nameof(WorkflowsReplayHttp), "post", "workflows/{instanceId}/replay", AuthorizationLevel.Function },
        { nameof(ConnectionsTestHttp), "post", "connections/{id}/test", AuthorizationLevel.Function },
        { nameof(ConnectionsHealthHttp), "get", "connections/{id}/health", AuthorizationLevel.Function },
        { nameof(FailuresListHttp), "get", "failures", AuthorizationLevel.Function },
        { nameof(FailuresReplayHttp), "post", "failures/replay", AuthorizationLevel.Function },
        { nameof(FailuresDismissHttp), "post", "failures/{id}/dismiss", AuthorizationLevel.Function },
        { nameof(IntakeGetHttp), "get", "intake", AuthorizationLevel.Function },
        { nameof(IntakePoisonReplayHttp), "post", "intake/poison/replay", AuthorizationLevel.Function },
        { nameof(ConnectionsBackfillStartHttp), "post", "connections/{id}/backfill", AuthorizationLevel.Function },
        { nameof(ConnectionsBackfillGetHttp), "get", "connections/{id}/backfill", AuthorizationLevel.Function },
        { nameof(ConnectionsQwcHttp), "get", "connections/{id}/qwc", AuthorizationLevel.Function },
        { nameof(ConnectionsInventoryHttp), "get", "connections/{id}/inventory", AuthorizationLevel.Function },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public void HttpTrigger_OfEachRoute_HasTheStandaloneMethodRouteAndAuthLevel(string function, string method, string route, AuthorizationLevel authLevel)
    {
        // Arrange
        var (run, trigger) = Find(function);

        // Act
        var routeParameters = RouteParameter().Matches(route).Select(m => m.Groups["name"].Value).ToList();

        // Assert
        Assert.Equal(method.Split(','), trigger.Methods ?? []);
        Assert.Equal(route, trigger.Route);
        Assert.Equal(authLevel, trigger.AuthLevel);
        Assert.All(routeParameters, p => Assert.Contains(run.GetParameters(), mp => mp.Name == p && mp.ParameterType == typeof(string)));
    }

    [Fact]
    public void HttpFunctions_AcrossTheApp_AreExactlyTheRouteTable()
    {
        // Arrange
        var expected = Routes.Select(r => (string)r[0]).Order(StringComparer.Ordinal);

        // Act
        var actual = typeof(HealthHttp).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods())
            .Where(m => m.GetParameters().Any(p => p.GetCustomAttribute<HttpTriggerAttribute>() is not null))
            .Select(m => m.GetCustomAttribute<FunctionAttribute>()!.Name)
            .Order(StringComparer.Ordinal);

        // Assert
        Assert.Equal(expected, actual);
    }

    private static (MethodInfo Run, HttpTriggerAttribute Trigger) Find(string function)
    {
        var run = typeof(HealthHttp).Assembly.GetTypes().Single(t => t.Name == function).GetMethod("RunAsync")!;
        var trigger = run.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).Single(a => a is not null)!;
        return (run, trigger);
    }

    [GeneratedRegex(@"\{(?<name>\w+)\}")]
    private static partial Regex RouteParameter();
}
