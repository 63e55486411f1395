using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using MlConnector.Core.Connections;
using MlConnector.Functions.Http;
using MlConnector.Tests.Functions.TestSupport;
using MlConnector.Tests.Integration;

namespace MlConnector.Tests.Functions.Http;

[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ConnectionsGetHttpTests(AzuriteFixture azurite) : IDisposable
{
    private readonly FunctionsServices _services = new(azurite.ConnectionString, azurite.NewPrefix());

    [Fact]
    public async Task RunAsync_ExistingConnection_Returns200WithIt()
    {
        // Arrange
        await _services.Provider.GetRequiredService<IConnectionStore>().CreateAsync(new Connection { Id = "acme-store", Kind = IntegrationKinds.ShipStationQbo, DisplayName = "Acme" });
        using var scope = _services.Provider.CreateScope();
        var sut = FunctionsServices.CreateFunction<ConnectionsGetHttp>(scope);

        // Act
        var result = await sut.RunAsync(OperatorFunctions.Request(HttpMethods.Get), "acme-store", CancellationToken.None);

        // Assert
        Assert.Equal(StatusCodes.Status200OK, OperatorFunctions.StatusOf(result));
        Assert.Equal("Acme", Assert.IsType<Connection>(Assert.IsAssignableFrom<IValueHttpResult>(result).Value).DisplayName);
    }

    [Fact]
    public async Task RunAsync_UnknownConnection_Returns404()
    {
        // Arrange
        using var scope = _services.Provider.CreateScope();
        var sut = FunctionsServices.CreateFunction<ConnectionsGetHttp>(scope);

        // Act
        var result = await sut.RunAsync(OperatorFunctions.Request(HttpMethods.Get), "nobody", CancellationToken.None);

        // Assert
        Assert.Equal(StatusCodes.Status404NotFound, OperatorFunctions.StatusOf(result));
    }

    public void Dispose() => _services.Dispose();
}
