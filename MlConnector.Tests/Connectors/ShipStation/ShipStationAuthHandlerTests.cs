using Microsoft.Extensions.Logging.Abstractions;
using MlConnector.Core.Auth;
using MlConnector.Core.Connectors.ShipStation;
using MlConnector.Core.Errors;
using MlConnector.Core.Resilience;
using MlConnector.Core.Secrets;
using MlConnector.Tests.Auth;
using MlConnector.Tests.TestSupport;

namespace MlConnector.Tests.Connectors.ShipStation;

public sealed class ShipStationAuthHandlerTests : IAsyncLifetime
{
    private const string Conn = "ss-handler";

    private readonly RecordingSecretStore _secrets = new();
    private LoopbackVendorServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await LoopbackVendorServer.StartAsync();
        _server.Respond(_ => (HttpStatusCode.OK, "{}"));
        _secrets.Seed(SecretName.For(Conn, ShipStationClient.ApiKeySecret), "key-1");
        _secrets.Seed(SecretName.For(Conn, ShipStationClient.ApiSecretSecret), "secret-2");
        _secrets.Seed(SecretName.For(Conn, ShipStationClient.V2ApiKeySecret), "v2-key-3");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task SendAsync_V1Request_CarriesBasicKeyColonSecretAndNoApiKey()
    {
        // Arrange
        using var sut = CreateSut();

        // Act
        using var response = await sut.SendAsync(Request(ShipStationClient.Connector, Conn));

        // Assert
        var sent = Assert.Single(_server.Requests);
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("key-1:secret-2")), sent.Headers["Authorization"]);
        Assert.False(sent.Headers.ContainsKey("api-key"));
    }

    [Fact]
    public async Task SendAsync_V2Request_CarriesTheV2ApiKeyAndNoAuthorization()
    {
        // Arrange
        using var sut = CreateSut();

        // Act
        using var response = await sut.SendAsync(Request(ShipStationClient.V2Connector, Conn));

        // Assert
        var sent = Assert.Single(_server.Requests);
        Assert.Equal("v2-key-3", sent.Headers["api-key"]);
        Assert.False(sent.Headers.ContainsKey("Authorization"));
    }

    [Fact]
    public async Task SendAsync_MarkedWithoutCredentials_SendsNoCredential()
    {
        // Arrange
        using var sut = CreateSut();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_server.BaseAddress, "jwks")).SetRateLimitKey(ShipStationClient.V2Connector, "jwks");

        // Act
        using var response = await sut.SendAsync(ShipStationAuthHandler.WithoutCredentials(request));

        // Assert
        var sent = Assert.Single(_server.Requests);
        Assert.False(sent.Headers.ContainsKey("Authorization"));
        Assert.False(sent.Headers.ContainsKey("api-key"));
    }

    [Fact]
    public async Task SendAsync_NoConnectionNamed_ThrowsBeforeSending()
    {
        // Arrange
        using var sut = CreateSut();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_server.BaseAddress, "orders")).SetRateLimitKey(ShipStationClient.Connector, "k");

        // Act
        await Assert.ThrowsAsync<InvalidOperationException>(() => sut.SendAsync(request));

        // Assert
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task SendAsync_V2KeyMissing_ThrowsAuthExceptionNamingThePurposeBeforeSending()
    {
        // Arrange
        using var sut = CreateSut();
        await _secrets.DeleteAsync(SecretName.For(Conn, ShipStationClient.V2ApiKeySecret));

        // Act
        var ex = await Assert.ThrowsAsync<ConnectorAuthException>(() => sut.SendAsync(Request(ShipStationClient.V2Connector, Conn)));

        // Assert
        Assert.Contains(ShipStationClient.V2ApiKeySecret, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("key-1", ex.Message, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    private HttpClient CreateSut() =>
        new(new ShipStationAuthHandler(_secrets, NullLogger<ShipStationAuthHandler>.Instance) { InnerHandler = new HttpClientHandler() });

    private HttpRequestMessage Request(string connector, string connectionId)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_server.BaseAddress, "orders")).SetRateLimitKey(connector, connectionId);
        return ConnectionTokenHandler.SetConnectionId(request, connectionId);
    }
}
