using Azure.Core.Pipeline;
using Azure.Security.KeyVault.Secrets;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using MlConnector.Core.Errors;
using MlConnector.Core.Secrets;
using MlConnector.Sandbox.KeyVault;

namespace MlConnector.Tests.Secrets;

/// <summary>
/// The real <see cref="SecretClient"/> (challenge authentication, retries, JSON) against the HTTPS
/// <see cref="KeyVaultSimulator"/> on loopback.
/// </summary>
public sealed class KeyVaultSecretStoreTests : IAsyncLifetime
{
    private const string TenantId = "9b0c1d2e-3f40-4a5b-8c6d-7e8f90a1b2c3";
    private const string AccessToken = "sandbox-access-token";
    private const string Value = "rt-Sup3r$ecret-refresh-token-0123456789";
    private const string Name = "conn-acme-qbo-refresh-token";

    private readonly FakeTokenCredential _credential = new(AccessToken);
    private readonly FakeLogger<KeyVaultSecretStore> _logger = new();
    private KeyVaultSimulator _vault = null!;
    private HttpMessageHandler? _handler;

    public async Task InitializeAsync() => _vault = await KeyVaultSimulator.StartAsync(TenantId);

    public async Task DisposeAsync()
    {
        _handler?.Dispose();
        await _vault.DisposeAsync();
    }

    [Fact]
    public async Task SetAsync_ThenGetAsync_ReturnsValueStoredInVault()
    {
        // Arrange
        var sut = CreateSut();

        // Act
        await sut.SetAsync(Name, Value);
        var read = await sut.GetAsync(Name);

        // Assert
        Assert.Equal(Value, read);
        Assert.Equal(Value, _vault.PeekValue(Name));
        Assert.Equal(1, _vault.VersionCount(Name));
    }

    [Fact]
    public async Task SetAsync_FirstCall_AnswersChallengeWithVaultScopeAndTenant()
    {
        // Arrange
        var sut = CreateSut();

        // Act
        await sut.SetAsync(Name, Value);

        // Assert
        var requests = _vault.Requests;
        Assert.Equal(("PUT", $"/secrets/{Name}", (string?)null, 401), (requests[0].Method, requests[0].Path, requests[0].BearerToken, requests[0].StatusCode));
        Assert.Equal(("PUT", AccessToken, 200), (requests[^1].Method, requests[^1].BearerToken, requests[^1].StatusCode));
        Assert.All(requests, r => Assert.False(string.IsNullOrEmpty(r.ApiVersion)));
        var token = Assert.Single(_credential.Requests);
        Assert.Equal(["https://vault.azure.net/.default"], token.Scopes);
        Assert.Equal(TenantId, token.TenantId);
    }

    [Fact]
    public async Task SetAsync_Twice_ReadsLatestVersion()
    {
        // Arrange
        var sut = CreateSut();
        await sut.SetAsync(Name, "first");

        // Act
        await sut.SetAsync(Name, Value);

        // Assert
        Assert.Equal(Value, await sut.GetAsync(Name));
        Assert.Equal(2, _vault.VersionCount(Name));
    }

    [Fact]
    public async Task GetAsync_MissingSecret_ReturnsNull()
    {
        // Arrange
        var sut = CreateSut();

        // Act
        var read = await sut.GetAsync("conn-acme-missing");

        // Assert
        Assert.Null(read);
        Assert.Equal(404, _vault.Requests[^1].StatusCode);
    }

    [Fact]
    public async Task DeleteAsync_ExistingSecret_GetReturnsNullAndVaultKeepsItSoftDeleted()
    {
        // Arrange
        var sut = CreateSut();
        await sut.SetAsync(Name, Value);

        // Act
        await sut.DeleteAsync(Name);

        // Assert
        Assert.Null(await sut.GetAsync(Name));
        Assert.True(_vault.IsSoftDeleted(Name));
        Assert.Contains(_vault.Requests, r => r is { Method: "DELETE", StatusCode: 200 });
    }

    [Fact]
    public async Task DeleteAsync_MissingSecret_Completes()
    {
        // Arrange
        var sut = CreateSut();

        // Act
        await sut.DeleteAsync("conn-acme-missing");

        // Assert
        Assert.Equal(("DELETE", 404), (_vault.Requests[^1].Method, _vault.Requests[^1].StatusCode));
    }

    [Fact]
    public async Task SetAsync_NameSoftDeleted_RecoversAndWritesNewVersion()
    {
        // Arrange
        var sut = CreateSut();
        await sut.SetAsync(Name, "old-value");
        await sut.DeleteAsync(Name);

        // Act
        await sut.SetAsync(Name, Value);

        // Assert
        Assert.Equal(Value, await sut.GetAsync(Name));
        Assert.False(_vault.IsSoftDeleted(Name));
        Assert.Equal(2, _vault.VersionCount(Name));
        Assert.Contains(_vault.Requests, r => r is { Method: "PUT", StatusCode: 409 });
        Assert.Contains(_vault.Requests, r => r.Method == "POST" && r.Path == $"/deletedsecrets/{Name}/recover");
    }

    [Fact]
    public async Task SetAsync_Vault403_ThrowsConnectorAuthExceptionThatNamesSecretNotValue()
    {
        // Arrange
        var sut = CreateSut();
        _vault.EnqueueFault(new KeyVaultFault(403, "Forbidden", "The user, group or application does not have secrets set permission on key vault 'sandbox'."));

        // Act
        var ex = await Assert.ThrowsAsync<ConnectorAuthException>(() => sut.SetAsync(Name, Value));

        // Assert
        Assert.Equal((KeyVaultSecretStore.ConnectorName, ErrorKind.NeedsReconsent, HttpStatusCode.Forbidden, "Forbidden"), (ex.Connector, ex.Kind, ex.StatusCode, ex.VendorErrorCode));
        Assert.Contains(Name, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Value, ex.ToString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(ex.RequestId));
        Assert.Null(_vault.PeekValue(Name));
        AssertLogsHoldNoValue();
    }

    [Fact]
    public async Task GetAsync_Vault401WithToken_ThrowsConnectorAuthException()
    {
        // Arrange
        var sut = CreateSut();
        _vault.AcceptedToken = "some-other-token";

        // Act
        var ex = await Assert.ThrowsAsync<ConnectorAuthException>(() => sut.GetAsync(Name));

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, ex.StatusCode);
    }

    [Fact]
    public async Task GetAsync_Vault429_ThrowsRateLimitedWithRetryAfter()
    {
        // Arrange
        var sut = CreateSut();
        _vault.EnqueueFault(new KeyVaultFault(429, "Throttled", "Request was not processed because too many requests were received.", RetryAfter: 7));

        // Act
        var ex = await Assert.ThrowsAsync<ConnectorRateLimitedException>(() => sut.GetAsync(Name));

        // Assert
        Assert.Equal((ErrorKind.RateLimited, TimeSpan.FromSeconds(7), true), (ex.Kind, ex.RetryAfter, ex.IsTransient));
    }

    [Fact]
    public async Task GetAsync_Vault503_ThrowsTransient()
    {
        // Arrange
        var sut = CreateSut();
        _vault.EnqueueFault(new KeyVaultFault(503, "ServiceUnavailable", "The service is temporarily unavailable."));

        // Act
        var ex = await Assert.ThrowsAsync<ConnectorException>(() => sut.GetAsync(Name));

        // Assert
        Assert.Equal((ErrorKind.Transient, HttpStatusCode.ServiceUnavailable), (ex.Kind, ex.StatusCode));
    }

    [Fact]
    public async Task GetAsync_Vault503ThenOk_SdkRetriesAndReturnsValue()
    {
        // Arrange
        var sut = CreateSut(maxRetries: 2);
        await sut.SetAsync(Name, Value);
        _vault.EnqueueFault(new KeyVaultFault(503, "ServiceUnavailable", "The service is temporarily unavailable."));

        // Act
        var read = await sut.GetAsync(Name);

        // Assert
        Assert.Equal(Value, read);
        Assert.Equal([503, 200], _vault.Requests.TakeLast(2).Select(r => r.StatusCode));
    }

    [Fact]
    public async Task GetAsync_CredentialCannotGetToken_ThrowsConnectorAuthException()
    {
        // Arrange
        var sut = CreateSut();
        _credential.Fail = true;

        // Act
        var ex = await Assert.ThrowsAsync<ConnectorAuthException>(() => sut.GetAsync(Name));

        // Assert
        Assert.Equal((KeyVaultSecretStore.ConnectorName, (HttpStatusCode?)null), (ex.Connector, ex.StatusCode));
        Assert.Contains(Name, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("conn_acme_key")]
    [InlineData("conn/acme")]
    [InlineData("")]
    public async Task SetAsync_InvalidName_ThrowsArgumentExceptionWithoutCallingVault(string name)
    {
        // Arrange
        var sut = CreateSut();

        // Act
        await Assert.ThrowsAnyAsync<ArgumentException>(() => sut.SetAsync(name, Value));

        // Assert
        Assert.Empty(_vault.Requests);
    }

    [Fact]
    public async Task AllOperations_Logs_NameSecretButNeverValue()
    {
        // Arrange
        var sut = CreateSut();

        // Act
        await sut.SetAsync(Name, Value);
        await sut.GetAsync(Name);
        await sut.DeleteAsync(Name);

        // Assert
        var records = _logger.Collector.GetSnapshot();
        Assert.Equal([1101, 1100, 1102], records.Select(r => r.Id.Id));
        Assert.All(records, r => Assert.Contains(Name, r.Message, StringComparison.Ordinal));
        AssertLogsHoldNoValue();
    }

    private KeyVaultSecretStore CreateSut(int maxRetries = 0)
    {
        _handler ??= _vault.CreateTrustingHandler();
        var options = new SecretClientOptions
        {
            DisableChallengeResourceVerification = true,
            Transport = new HttpClientTransport(_handler),
        };
        options.Retry.MaxRetries = maxRetries;
        options.Retry.Delay = TimeSpan.FromMilliseconds(1);
        options.Retry.MaxDelay = TimeSpan.FromMilliseconds(10);
        var client = new SecretClient(_vault.VaultUri, _credential, options);
        return new KeyVaultSecretStore(client, new FakeTimeProvider(), _logger);
    }

    private void AssertLogsHoldNoValue() =>
        Assert.All(_logger.Collector.GetSnapshot(), r =>
        {
            Assert.DoesNotContain(Value, r.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(Value, r.Exception?.ToString() ?? string.Empty, StringComparison.Ordinal);
        });
}
