using System.Reflection;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using MlConnector.Core.Operations;
using MlConnector.Functions.Http;
using MlConnector.Tests.Infra;
using MlConnector.Tests.Integration;

namespace MlConnector.Tests.Cli;

/// <summary>
/// The OpenAPI document both hosts serve at <c>/api/openapi.json</c> lists exactly the operator routes each host maps:
/// <c>serve</c> generates it from its endpoints, the Functions app serves MlConnector.Functions/openapi.json, which must be
/// that same document. After adding an operator route, regenerate the file from a running <c>serve</c>:
/// <c>curl -s http://127.0.0.1:5080/api/openapi.json &gt; MlConnector.Functions/openapi.json</c>.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public class OperatorOpenApiTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Serve_OpenApiDocument_ListsExactlyItsOperatorRoutesAndIsTheFunctionsDocument()
    {
        // Arrange
        await using var host = await StandaloneHostIntegrationTests.StartAsync(azurite.ConnectionString, azurite.NewPrefix());
        using var anonymous = new HttpClient { BaseAddress = host.BaseAddress };
        var mapped = host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => OperatorRequestGuard.IsOperatorPath("/" + e.RoutePattern.RawText!.TrimStart('/')))
            .SelectMany(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()!.HttpMethods.Select(m => Route(m, e.RoutePattern.RawText!)))
            .Order(StringComparer.Ordinal)
            .ToList();

        // Act
        using var response = await anonymous.GetAsync(new Uri("api/openapi.json", UriKind.Relative));
        var served = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(served);
        using var functionsDocument = JsonDocument.Parse(File.ReadAllText(RepositoryPaths.Combine("MlConnector.Functions", "openapi.json")));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(25, mapped.Count);
        Assert.Equal(mapped, Operations(document));
        Assert.True(
            JsonElement.DeepEquals(document.RootElement, functionsDocument.RootElement),
            "MlConnector.Functions/openapi.json is not the document serve generates; regenerate it (see this class's summary).");
    }

    [Fact]
    public void Functions_OpenApiDocument_ListsExactlyTheOperatorTriggersAndIsEmbedded()
    {
        // Arrange
        var triggers = typeof(OpenApiHttp).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods())
            .SelectMany(m => m.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).Where(a => a is not null))
            .Select(a => a!)
            .Where(a => OperatorRequestGuard.IsOperatorPath("/api/" + a.Route))
            .ToList();

        // Act
        using var embedded = JsonDocument.Parse(OpenApiHttp.Json);

        // Assert
        Assert.All(triggers, t => Assert.Equal(AuthorizationLevel.Function, t.AuthLevel));
        Assert.Equal(triggers.SelectMany(t => t.Methods!.Select(m => Route(m, "api/" + t.Route))).Order(StringComparer.Ordinal), Operations(embedded));
    }

    private static string Route(string method, string pattern) => method.ToUpperInvariant() + " /" + pattern.TrimStart('/');

    private static List<string> Operations(JsonDocument document) =>
        [.. document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(operation => Route(operation.Name, path.Name)))
            .Order(StringComparer.Ordinal)];
}
