using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using MlConnector.Functions.Http;
using MlConnector.Tests.Functions.TestSupport;
using MlConnector.Tests.Integration;

namespace MlConnector.Tests.Functions.Http;

[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public sealed class OAuthConnectHttpTests(AzuriteFixture azurite) : IDisposable
{
    private readonly FunctionsServices _services = new(azurite.ConnectionString, azurite.NewPrefix());

    [Fact]
    public async Task RunAsync_UnknownConnection_Returns404WithoutStartingConsent()
    {
        // Arrange
        using var scope = _services.Provider.CreateScope();
        var sut = FunctionsServices.CreateFunction<OAuthConnectHttp>(scope);

        // Act
        var result = await sut.RunAsync(OperatorFunctions.Request(HttpMethods.Get), "qbo", "nobody", CancellationToken.None);

        // Assert
        Assert.Equal(StatusCodes.Status404NotFound, OperatorFunctions.StatusOf(result));
    }

    public void Dispose() => _services.Dispose();
}
