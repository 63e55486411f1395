using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using MlConnector.Core.Connections;
using MlConnector.Functions.Http;
using MlConnector.Tests.Functions.TestSupport;
using MlConnector.Tests.Integration;

namespace MlConnector.Tests.Functions.Http;

[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ConnectionsListHttpTests(AzuriteFixture azurite) : IDisposable
{
    private readonly FunctionsServices _services = new(azurite.ConnectionString, azurite.NewPrefix());

    [Theory]
    [InlineData("?kind=qbo-ups", new[] { "ups-shop" })]
    [InlineData("?kind=", new[] { "acme-store", "ups-shop" })]
    [InlineData("", new[] { "acme-store", "ups-shop" })]
    public async Task RunAsync_KindQuery_FiltersLikeTheStandaloneHost(string query, string[] expected)
    {
        // Arrange: an empty kind means no filter, as minimal APIs bind it to a null string?.
        var store = _services.Provider.GetRequiredService<IConnectionStore>();
        await store.CreateAsync(new Connection { Id = "acme-store", Kind = IntegrationKinds.ShipStationQbo });
        await store.CreateAsync(new Connection
        {
            Id = "ups-shop",
            Kind = IntegrationKinds.QboUps,
            Settings = new Dictionary<string, IReadOnlyDictionary<string, string>> { ["qbo"] = new Dictionary<string, string> { ["expenseAccountId"] = "81" } },
        });
        using var scope = _services.Provider.CreateScope();
        var sut = FunctionsServices.CreateFunction<ConnectionsListHttp>(scope);

        // Act
        var result = await sut.RunAsync(OperatorFunctions.Request(HttpMethods.Get, query), CancellationToken.None);

        // Assert
        var connections = Assert.IsAssignableFrom<IEnumerable<Connection>>(Assert.IsAssignableFrom<IValueHttpResult>(result).Value);
        Assert.Equal(expected, connections.Select(c => c.Id).Order(StringComparer.Ordinal));
    }

    public void Dispose() => _services.Dispose();
}
