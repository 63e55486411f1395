using Azure.Data.Tables;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MlConnector.Core.Audit;
using MlConnector.Core.Auth;
using MlConnector.Core.Errors;
using MlConnector.Core.Storage;
using MlConnector.Sandbox.OAuth;
using MlConnector.Tests.Integration;

namespace MlConnector.Tests.Auth;

/// <summary>
/// The token manager end to end: a real <see cref="HttpClient"/> against the OAuth simulator on loopback, token rows in
/// the real Azurite, fake time for expiry. The secret store and audit trail are recording collaborators.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public sealed class OAuthTokenManagerTests(AzuriteFixture azurite) : IAsyncLifetime, IDisposable
{
    private const string Connection = "c-1001";
    private const string QboClientId = "qbo-client";
    private const string UpsClientId = "ups-client";
    private const string SpsClientId = "sps-client";
    private static readonly Uri RedirectUri = new("https://connector.example.test/oauth/callback");

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));
    private readonly RecordingSecretStore _secrets = new();
    private readonly RecordingAuditTrail _audit = new();
    private readonly FakeLogCollector _logs = new();
    private readonly LoopbackHttpClientFactory _http = new();
    private readonly TableProvider _tables = azurite.NewTables();
    private OAuthServerSimulator? _simulator;

    private OAuthServerSimulator Simulator => _simulator ?? throw new InvalidOperationException("The simulator has not started.");

    public async Task InitializeAsync()
    {
        _simulator = await OAuthServerSimulator.StartAsync(_time);
        Simulator.RegisterClient(QboClientId, "qbo-secret-value-1");
        Simulator.RegisterClient(UpsClientId, "ups-secret-value-2");
        Simulator.RegisterClient(SpsClientId, "sps-secret-value-3");
        _secrets.Seed("qbo-client-secret", "qbo-secret-value-1");
        _secrets.Seed("ups-client-secret", "ups-secret-value-2");
        _secrets.Seed("sps-client-secret", "sps-secret-value-3");
    }

    public async Task DisposeAsync()
    {
        if (_simulator is not null)
        {
            await _simulator.DisposeAsync();
        }
    }

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task BeginAuthorizationAsync_ConfiguredProvider_BuildsAuthorizeUrlWithBoundState()
    {
        // Arrange
        var sut = CreateSut();

        // Act
        var request = await sut.BeginAuthorizationAsync(Connection, "qbo");

        // Assert
        var query = QueryHelpers.ParseQuery(request.AuthorizeUrl.Query);
        Assert.StartsWith(Simulator.AuthorizeEndpoint.ToString(), request.AuthorizeUrl.ToString(), StringComparison.Ordinal);
        Assert.Equal(QboClientId, query["client_id"].ToString());
        Assert.Equal("code", query["response_type"].ToString());
        Assert.Equal(RedirectUri.ToString(), query["redirect_uri"].ToString());
        Assert.Equal("com.intuit.quickbooks.accounting", query["scope"].ToString());
        Assert.Equal(request.State, query["state"].ToString());
        Assert.True(OAuthState.TryGetConnectionId(request.State, out var connectionId));
        Assert.Equal(Connection, connectionId);
        Assert.True(request.State.Length > Connection.Length + 40, "the state carries a 256-bit nonce");
        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromMinutes(10), request.ExpiresAt);
    }

    [Fact]
    public async Task ExchangeCodeAsync_ValidCallback_StoresTokensInSecretStoreAndOnlyMetadataInTable()
    {
        // Arrange
        var sut = CreateSut();

        // Act
        var health = await ConnectAsync(sut, Connection);

        // Assert
        var refreshToken = _secrets[$"conn-{Connection}-qbo-refresh-token"];
        var accessToken = _secrets[$"conn-{Connection}-qbo-access-token"];
        Assert.NotNull(refreshToken);
        Assert.NotNull(accessToken);
        Assert.True(Simulator.IsRefreshTokenValid(refreshToken));
        Assert.True(Simulator.IsAccessTokenValid(accessToken));
        Assert.Equal(OAuthTokenStatus.Healthy, health.Status);
        Assert.StartsWith("9130", health.RealmId, StringComparison.Ordinal);
        var now = _time.GetUtcNow();
        Assert.Equal(now.AddHours(1), health.AccessTokenExpiresAt);
        Assert.Equal(now.AddSeconds(15552000), health.RefreshTokenExpiresAt);
        Assert.Equal(now.AddDays(5 * 365), health.RefreshTokenHardExpiresAt);
        Assert.Equal(now, health.LastRefreshedAt);
        Assert.True(Simulator.GetRequests().Single().AskedForHardExpiry);

        var rows = await ReadRawTokenRowsAsync();
        var row = Assert.Single(rows);
        var stringValues = row.Select(kv => kv.Value).OfType<string>().ToList();
        Assert.DoesNotContain(stringValues, v => v.Contains(accessToken, StringComparison.Ordinal) || v.Contains(refreshToken, StringComparison.Ordinal));
        Assert.Equal(health.RealmId, row.GetString("RealmId"));
        Assert.Null(row.GetString("StateHash"));
    }

    [Fact]
    public async Task ExchangeCodeAsync_TamperedExpiredOrReusedState_RejectedWithoutCallingTokenEndpoint()
    {
        // Arrange
        var sut = CreateSut();
        var tampered = await sut.BeginAuthorizationAsync(Connection, "qbo");
        var code = Simulator.IssueAuthorizationCode(QboClientId, RedirectUri.ToString());

        // Act
        var wrongNonce = await Assert.ThrowsAsync<ConnectorAuthException>(() => sut.ExchangeCodeAsync(Connection, "qbo", code, Tamper(tampered.State)));
        var otherConnection = await Assert.ThrowsAsync<ConnectorAuthException>(() => sut.ExchangeCodeAsync("c-2002", "qbo", code, tampered.State));

        var expiring = await sut.BeginAuthorizationAsync(Connection, "qbo");
        _time.Advance(TimeSpan.FromMinutes(11));
        var expired = await Assert.ThrowsAsync<ConnectorAuthException>(() => sut.ExchangeCodeAsync(Connection, "qbo", code, expiring.State));

        var used = await sut.BeginAuthorizationAsync(Connection, "qbo");
        var freshCode = Simulator.IssueAuthorizationCode(QboClientId, RedirectUri.ToString());
        await sut.ExchangeCodeAsync(Connection, "qbo", freshCode, used.State);
        var reused = await Assert.ThrowsAsync<ConnectorAuthException>(() => sut.ExchangeCodeAsync(Connection, "qbo", code, used.State));

        // Assert
        Assert.All(new[] { wrongNonce, otherConnection, expired, reused }, ex => Assert.Equal(ErrorKind.NeedsReconsent, ex.Kind));
        Assert.Contains("does not match", wrongNonce.Message, StringComparison.Ordinal);
        Assert.Contains("expired", expired.Message, StringComparison.Ordinal);
        Assert.Contains("no authorization is pending", reused.Message, StringComparison.Ordinal);
        Assert.Equal(1, Simulator.CountRequests(QboClientId, "authorization_code"));
    }

    [Fact]
    public async Task GetAccessTokenAsync_BeforeSkew_ReturnsCachedToken_InsideSkew_Refreshes()
    {
        // Arrange
        var sut = CreateSut();
        await ConnectAsync(sut, Connection);
        var first = _secrets[$"conn-{Connection}-qbo-access-token"];

        // Act
        _time.Advance(TimeSpan.FromMinutes(54));
        var cached = await sut.GetAccessTokenAsync(Connection, "qbo");
        var refreshesBeforeSkew = Simulator.CountRequests(QboClientId, "refresh_token");
        _time.Advance(TimeSpan.FromMinutes(2));
        var refreshed = await sut.GetAccessTokenAsync(Connection, "qbo");

        // Assert
        Assert.Equal(first, cached);
        Assert.Equal(0, refreshesBeforeSkew);
        Assert.NotEqual(first, refreshed);
        Assert.Equal(1, Simulator.CountRequests(QboClientId, "refresh_token"));
        Assert.True(Simulator.IsAccessTokenValid(refreshed));
        var audit = Assert.Single(_audit.Records, r => r.Operation == OAuthTokenManager.RefreshOperation);
        Assert.Equal(AuditOutcome.Succeeded, audit.Outcome);
        Assert.Equal(Connection, audit.ConnectionId);
    }

    [Fact]
    public async Task RenewAccessTokenAsync_UnexpiredTokenRefused_RefreshesOnceAndCachesTheNewToken()
    {
        // Arrange
        var sut = CreateSut();
        await ConnectAsync(sut, Connection);
        var refused = await sut.GetAccessTokenAsync(Connection, "qbo");

        // Act
        var renewed = await sut.RenewAccessTokenAsync(Connection, "qbo", refused);
        var next = await sut.GetAccessTokenAsync(Connection, "qbo");

        // Assert
        Assert.NotEqual(refused, renewed);
        Assert.Equal(renewed, next);
        Assert.Equal(renewed, _secrets[$"conn-{Connection}-qbo-access-token"]);
        Assert.Equal(1, Simulator.CountRequests(QboClientId, "refresh_token"));
        Assert.True(Simulator.IsAccessTokenValid(renewed));
    }

    [Fact]
    public async Task RenewAccessTokenAsync_TwoCallersRefusedTheSameToken_OnlyOneRefreshes()
    {
        // Arrange
        var sut = CreateSut();
        await ConnectAsync(sut, Connection);
        var refused = await sut.GetAccessTokenAsync(Connection, "qbo");

        // Act
        var results = await Task.WhenAll(sut.RenewAccessTokenAsync(Connection, "qbo", refused), sut.RenewAccessTokenAsync(Connection, "qbo", refused));

        // Assert
        Assert.Equal(results[0], results[1]);
        Assert.NotEqual(refused, results[0]);
        Assert.Equal(1, Simulator.CountRequests(QboClientId, "refresh_token"));
    }

    [Fact]
    public async Task GetAccessTokenAsync_ProviderRotatesRefreshToken_PersistsItBeforeAccessTokenAndOldOneIsDead()
    {
        // Arrange
        var sut = CreateSut();
        await ConnectAsync(sut, Connection);
        var oldRefresh = _secrets[$"conn-{Connection}-qbo-refresh-token"]!;
        _secrets.ClearWrites();
        _time.Advance(TimeSpan.FromMinutes(56));

        // Act
        var accessToken = await sut.GetAccessTokenAsync(Connection, "qbo");

        // Assert
        Assert.Equal([$"conn-{Connection}-qbo-refresh-token", $"conn-{Connection}-qbo-access-token"], _secrets.Writes);
        var newRefresh = _secrets[$"conn-{Connection}-qbo-refresh-token"]!;
        Assert.NotEqual(oldRefresh, newRefresh);
        Assert.False(Simulator.IsRefreshTokenValid(oldRefresh));
        Assert.True(Simulator.IsRefreshTokenValid(newRefresh));
        Assert.Equal(accessToken, _secrets[$"conn-{Connection}-qbo-access-token"]);
    }

    [Fact]
    public async Task GetAccessTokenAsync_RotatedRefreshTokenCannotBeStored_DoesNotReturnOrStoreNewAccessToken()
    {
        // Arrange
        var sut = CreateSut();
        await ConnectAsync(sut, Connection);
        var oldAccess = _secrets[$"conn-{Connection}-qbo-access-token"];
        _secrets.ClearWrites();
        _secrets.FailWritesTo = name => name.EndsWith("-refresh-token", StringComparison.Ordinal);
        _time.Advance(TimeSpan.FromMinutes(56));

        // Act
        await Assert.ThrowsAsync<InvalidOperationException>(() => sut.GetAccessTokenAsync(Connection, "qbo"));

        // Assert
        Assert.Empty(_secrets.Writes);
        Assert.Equal(oldAccess, _secrets[$"conn-{Connection}-qbo-access-token"]);
        var row = Assert.Single(await ReadRawTokenRowsAsync());
        Assert.Null(row.GetString("LeaseOwner"));
    }

    [Fact]
    public async Task GetAccessTokenAsync_TwentyConcurrentCallers_MakeExactlyOneRefreshRequest()
    {
        // Arrange
        var sut = CreateSut();
        await ConnectAsync(sut, Connection);
        _time.Advance(TimeSpan.FromMinutes(56));
        Simulator.HoldTokenResponses();

        // Act
        var calls = Enumerable.Range(0, 20).Select(_ => sut.GetAccessTokenAsync(Connection, "qbo")).ToList();
        await Simulator.WaitForRequestsAsync(2).WaitAsync(TimeSpan.FromSeconds(30));
        Simulator.ReleaseTokenResponses();
        var tokens = await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(30));

        // Assert
        Assert.Equal(1, Simulator.CountRequests(QboClientId, "refresh_token"));
        Assert.Single(tokens.Distinct());
        Assert.True(Simulator.IsAccessTokenValid(tokens[0]));
    }

    [Fact]
    public async Task GetAccessTokenAsync_TwoInstancesRace_OnlyOneRefreshReachesTokenEndpoint()
    {
        // Arrange: two hosts share Azurite and the secret store (as they share Key Vault).
        var hostA = CreateSut();
        var hostB = CreateSut();
        await ConnectAsync(hostA, Connection);
        _time.Advance(TimeSpan.FromMinutes(56));
        Simulator.HoldTokenResponses();

        // Act
        var fromA = hostA.GetAccessTokenAsync(Connection, "qbo");
        await Simulator.WaitForRequestsAsync(2).WaitAsync(TimeSpan.FromSeconds(30));
        var fromB = hostB.GetAccessTokenAsync(Connection, "qbo");
        await WaitUntilAsync(() => _logs.GetSnapshot().Any(r => r.Id.Name == "OAuthRefreshLeaseHeld"));
        Simulator.ReleaseTokenResponses();
        var tokenA = await fromA.WaitAsync(TimeSpan.FromSeconds(30));
        var tokenB = await AdvanceUntilCompletedAsync(fromB);

        // Assert
        Assert.Equal(1, Simulator.CountRequests(QboClientId, "refresh_token"));
        Assert.Equal(tokenA, tokenB);
        Assert.True(Simulator.IsAccessTokenValid(tokenB));
    }

    [Fact]
    public async Task GetAccessTokenAsync_InvalidGrant_ThrowsNeedsReconsentAndMarksRow()
    {
        // Arrange
        var sut = CreateSut();
        await ConnectAsync(sut, Connection);
        _time.Advance(TimeSpan.FromMinutes(56));
        Simulator.FailWithInvalidGrant = true;

        // Act
        var ex = await Assert.ThrowsAsync<ConnectorAuthException>(() => sut.GetAccessTokenAsync(Connection, "qbo"));
        var again = await Assert.ThrowsAsync<ConnectorAuthException>(() => CreateSut().GetAccessTokenAsync(Connection, "qbo"));
        var health = Assert.Single(await sut.GetTokenHealthAsync(Connection));

        // Assert
        Assert.Equal(ErrorKind.NeedsReconsent, ex.Kind);
        Assert.Equal("invalid_grant", ex.VendorErrorCode);
        Assert.Equal(HttpStatusCode.BadRequest, ex.StatusCode);
        Assert.Equal(ErrorKind.NeedsReconsent, again.Kind);
        Assert.Equal(1, Simulator.CountRequests(QboClientId, "refresh_token"));
        Assert.Equal(OAuthTokenStatus.NeedsReconsent, health.Status);
        Assert.Equal("invalid_grant", health.ReconsentReason);
        var audit = Assert.Single(_audit.Records, r => r.Operation == OAuthTokenManager.RefreshOperation);
        Assert.Equal(AuditOutcome.Failed, audit.Outcome);
        Assert.Equal(ErrorKind.NeedsReconsent, audit.ErrorKind);
        Assert.Contains(_logs.GetSnapshot(), r => r.Id.Name == "OAuthReconsentRequired" && r.Level == LogLevel.Error);
    }

    [Fact]
    public async Task ExchangeCodeAsync_AfterReconsent_ClearsFlagAndRefreshWorksAgain()
    {
        // Arrange
        var sut = CreateSut();
        await ConnectAsync(sut, Connection);
        _time.Advance(TimeSpan.FromMinutes(56));
        Simulator.FailWithInvalidGrant = true;
        await Assert.ThrowsAsync<ConnectorAuthException>(() => sut.GetAccessTokenAsync(Connection, "qbo"));
        Simulator.FailWithInvalidGrant = false;

        // Act
        var health = await ConnectAsync(sut, Connection);
        var token = await sut.GetAccessTokenAsync(Connection, "qbo");

        // Assert
        Assert.Equal(OAuthTokenStatus.Healthy, health.Status);
        Assert.True(Simulator.IsAccessTokenValid(token));
    }

    [Fact]
    public async Task GetAccessTokenAsync_HardExpiryWithinWindow_WarnsInLogAndAudit()
    {
        // Arrange: consent whose refresh tokens die for good in 40 days; the warning window is 30 days.
        Simulator.RefreshTokenHardLifetime = TimeSpan.FromDays(40);
        var sut = CreateSut();
        await ConnectAsync(sut, Connection);
        var warningsAfterConnect = _logs.GetSnapshot().Count(r => r.Id.Name == "OAuthRefreshTokenHardExpiryApproaching");

        // Act
        _time.Advance(TimeSpan.FromDays(11));
        await sut.GetAccessTokenAsync(Connection, "qbo");

        // Assert
        Assert.Equal(0, warningsAfterConnect);
        var warning = Assert.Single(_logs.GetSnapshot(), r => r.Id.Name == "OAuthRefreshTokenHardExpiryApproaching");
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Equal(1006, warning.Id.Id);
        var audits = _audit.Records.Where(r => r.Operation == OAuthTokenManager.RefreshOperation).ToList();
        Assert.Equal(2, audits.Count);
        Assert.Contains(audits, r => r.Detail!.Contains("hard expiry", StringComparison.Ordinal) && r.Detail.Contains("29 days", StringComparison.Ordinal));
        var health = Assert.Single(await sut.GetTokenHealthAsync(Connection));
        Assert.Equal(OAuthTokenStatus.HardExpiryApproaching, health.Status);
        Assert.Equal(_time.GetUtcNow().AddDays(29), health.RefreshTokenHardExpiresAt);
    }

    [Fact]
    public async Task GetAccessTokenAsync_ProviderWithRefreshEndpointAndPostAuth_RefreshesThere()
    {
        // Arrange: a UPS auth-code style provider (separate /refresh) with client credentials in the form (FreshBooks style).
        var sut = CreateSut(o => o.Providers["upsauth"] = new OAuthProviderOptions
        {
            TokenEndpoint = Simulator.TokenEndpoint,
            RefreshEndpoint = Simulator.RefreshEndpoint,
            AuthorizeEndpoint = Simulator.AuthorizeEndpoint,
            RedirectUri = RedirectUri,
            ClientId = UpsClientId,
            ClientSecretName = "ups-client-secret",
            AuthStyle = OAuthClientAuthStyle.Post,
        });
        await ConnectAsync(sut, Connection, "upsauth");
        _time.Advance(TimeSpan.FromMinutes(56));

        // Act
        var token = await sut.GetAccessTokenAsync(Connection, "upsauth");

        // Assert
        Assert.True(Simulator.IsAccessTokenValid(token));
        var refresh = Assert.Single(Simulator.GetRequests(), r => r.GrantType == "refresh_token");
        Assert.Equal("/oauth2/refresh", refresh.Path);
        Assert.Equal("post", refresh.ClientAuthStyle);
        Assert.False(refresh.AskedForHardExpiry);
    }

    [Fact]
    public async Task GetClientCredentialsTokenAsync_StringExpiresIn_CachedUntilExpiryMinusSkew()
    {
        // Arrange: UPS answers expires_in as a string; the lifetime is 1 h, not the 4 h some code assumes.
        Simulator.ClientCredentialsLifetime = TimeSpan.FromHours(1);
        _secrets.Seed("conn-acct-1-ups-merchant-id", "123456");
        var sut = CreateSut();

        // Act
        var first = await sut.GetClientCredentialsTokenAsync("acct-1", "ups");
        _time.Advance(TimeSpan.FromMinutes(54));
        var cached = await sut.GetClientCredentialsTokenAsync("acct-1", "ups");
        var requestsBeforeSkew = Simulator.CountRequests(UpsClientId, "client_credentials");
        _time.Advance(TimeSpan.FromMinutes(2));
        var renewed = await sut.GetClientCredentialsTokenAsync("acct-1", "ups");

        // Assert
        Assert.Equal(first, cached);
        Assert.Equal(1, requestsBeforeSkew);
        Assert.NotEqual(first, renewed);
        Assert.Equal(2, Simulator.CountRequests(UpsClientId, "client_credentials"));
        Assert.All(Simulator.GetRequests(), r =>
        {
            Assert.Equal("basic", r.ClientAuthStyle);
            Assert.Equal("123456", r.MerchantId);
        });
        Assert.Equal(2, _audit.Records.Count(r => r.Operation == OAuthTokenManager.ClientCredentialsOperation && r.Outcome == AuditOutcome.Succeeded));
    }

    [Fact]
    public async Task GetClientCredentialsTokenAsync_TwentyConcurrentCallers_MakeOneRequest()
    {
        // Arrange
        var sut = CreateSut();
        Simulator.HoldTokenResponses();

        // Act
        var calls = Enumerable.Range(0, 20).Select(_ => sut.GetClientCredentialsTokenAsync("acct-1", "ups")).ToList();
        await Simulator.WaitForRequestsAsync(1).WaitAsync(TimeSpan.FromSeconds(30));
        Simulator.ReleaseTokenResponses();
        var tokens = await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(30));

        // Assert
        Assert.Equal(1, Simulator.CountRequests(UpsClientId));
        Assert.Single(tokens.Distinct());
    }

    [Fact]
    public async Task GetClientCredentialsTokenAsync_DailyQuotaSharedByTwoInstances_ThrowsUntilNextUtcDay()
    {
        // Arrange: quota 3 per day; 6-minute tokens are cached for 1 minute, so every call below needs a new token.
        Simulator.ClientCredentialsLifetime = TimeSpan.FromMinutes(6);
        var hostA = CreateSut(o => o.Providers["ups"].DailyTokenRequestQuota = 3);
        var hostB = CreateSut(o => o.Providers["ups"].DailyTokenRequestQuota = 3);

        // Act
        await hostA.GetClientCredentialsTokenAsync("acct-1", "ups");
        _time.Advance(TimeSpan.FromMinutes(2));
        await hostB.GetClientCredentialsTokenAsync("acct-1", "ups");
        _time.Advance(TimeSpan.FromMinutes(2));
        await hostA.GetClientCredentialsTokenAsync("acct-1", "ups");
        _time.Advance(TimeSpan.FromMinutes(2));
        var limited = await Assert.ThrowsAsync<ConnectorRateLimitedException>(() => hostB.GetClientCredentialsTokenAsync("acct-1", "ups"));
        var limitedToo = await Assert.ThrowsAsync<ConnectorRateLimitedException>(() => hostA.GetClientCredentialsTokenAsync("acct-1", "ups"));
        var otherAccountValid = Simulator.IsAccessTokenValid(await hostA.GetClientCredentialsTokenAsync("acct-2", "ups"));
        var requestsOnDayOne = Simulator.CountRequests(UpsClientId);
        var nextMidnight = new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.Zero);
        var expectedRetryAfter = nextMidnight - _time.GetUtcNow();
        _time.SetUtcNow(nextMidnight.AddSeconds(1));
        var nextDay = await hostB.GetClientCredentialsTokenAsync("acct-1", "ups");

        // Assert
        Assert.Equal(ErrorKind.RateLimited, limited.Kind);
        Assert.Equal(expectedRetryAfter, limited.RetryAfter);
        Assert.Equal(expectedRetryAfter, limitedToo.RetryAfter);
        Assert.Equal(4, requestsOnDayOne);
        Assert.True(otherAccountValid);
        Assert.True(Simulator.IsAccessTokenValid(nextDay));
        Assert.Equal(5, Simulator.CountRequests(UpsClientId));
        Assert.Contains(_audit.Records, r => r.Outcome == AuditOutcome.Skipped && r.ErrorKind == ErrorKind.RateLimited);
    }

    [Fact]
    public async Task GetClientCredentialsTokenAsync_SpsJsonStyle_SendsJsonBodyWithAudience()
    {
        // Arrange
        var sut = CreateSut();

        // Act
        var token = await sut.GetClientCredentialsTokenAsync("acct-1", "sps");

        // Assert
        Assert.True(Simulator.IsAccessTokenValid(token));
        var request = Assert.Single(Simulator.GetRequests());
        Assert.Equal("json", request.ClientAuthStyle);
        Assert.Equal("https://spscommerce.com", request.Audience);
        Assert.Null(request.MerchantId);
    }

    [Fact]
    public async Task GetClientCredentialsTokenAsync_SharedTokens_SecondInstanceReusesTokenWithoutRequest()
    {
        // Arrange
        var hostA = CreateSut(o => o.Providers["sps"].ShareClientCredentialsTokens = true);
        var hostB = CreateSut(o => o.Providers["sps"].ShareClientCredentialsTokens = true);

        // Act
        var fromA = await hostA.GetClientCredentialsTokenAsync("acct-1", "sps");
        var fromB = await hostB.GetClientCredentialsTokenAsync("acct-1", "sps");

        // Assert
        Assert.Equal(fromA, fromB);
        Assert.Equal(1, Simulator.CountRequests(SpsClientId));
    }

    [Fact]
    public async Task GetClientCredentialsTokenAsync_WrongClientSecret_ThrowsAuthException()
    {
        // Arrange
        _secrets.Seed("ups-client-secret", "not-the-secret");
        var sut = CreateSut();

        // Act
        var ex = await Assert.ThrowsAsync<ConnectorAuthException>(() => sut.GetClientCredentialsTokenAsync("acct-1", "ups"));

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, ex.StatusCode);
        Assert.Equal("invalid_client", ex.VendorErrorCode);
    }

    [Fact]
    public async Task AllFlows_NeverWriteTokenOrSecretValuesToLogsAuditOrExceptions()
    {
        // Arrange
        Simulator.RefreshTokenHardLifetime = TimeSpan.FromDays(20);
        var sut = CreateSut();
        var messages = new List<string>();

        // Act
        await ConnectAsync(sut, Connection);
        _time.Advance(TimeSpan.FromMinutes(56));
        var issued = new List<string>
        {
            await sut.GetAccessTokenAsync(Connection, "qbo"),
            await sut.GetClientCredentialsTokenAsync("acct-1", "ups"),
            await sut.GetClientCredentialsTokenAsync("acct-1", "sps"),
        };
        _time.Advance(TimeSpan.FromMinutes(56));
        Simulator.FailWithInvalidGrant = true;
        messages.Add((await Assert.ThrowsAsync<ConnectorAuthException>(() => sut.GetAccessTokenAsync(Connection, "qbo"))).ToString());
        _secrets.Seed("ups-client-secret", "wrong-secret-value-9");
        _time.Advance(TimeSpan.FromHours(4));
        messages.Add((await Assert.ThrowsAsync<ConnectorAuthException>(() => sut.GetClientCredentialsTokenAsync("acct-1", "ups"))).ToString());

        // Assert
        var secrets = _secrets.EverStored.Concat(issued).ToList();
        Assert.True(secrets.Count >= 10, "tokens and client secrets were stored");
        var logText = _logs.GetSnapshot().Select(r => r.Message + " " + string.Join(' ', r.StructuredState?.Select(kv => kv.Value) ?? []) + " " + r.Exception).ToList();
        var auditText = _audit.Records.Select(r => string.Join(' ', r.ConnectionId, r.Operation, r.BusinessKey, r.VendorReference, r.Detail)).ToList();
        Assert.NotEmpty(logText);
        Assert.NotEmpty(auditText);
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(logText, t => t.Contains(secret, StringComparison.Ordinal));
            Assert.DoesNotContain(auditText, t => t.Contains(secret, StringComparison.Ordinal));
            Assert.DoesNotContain(messages, t => t.Contains(secret, StringComparison.Ordinal));
        }
    }

    private OAuthTokenManager CreateSut(Action<OAuthOptions>? configure = null)
    {
        var options = new OAuthOptions();
        options.Providers["qbo"] = new OAuthProviderOptions
        {
            TokenEndpoint = Simulator.TokenEndpoint,
            AuthorizeEndpoint = Simulator.AuthorizeEndpoint,
            RedirectUri = RedirectUri,
            ClientId = QboClientId,
            ClientSecretName = "qbo-client-secret",
            AuthStyle = OAuthClientAuthStyle.Basic,
            RequestRefreshTokenHardExpiry = true,
            Scopes = { "com.intuit.quickbooks.accounting" },
        };
        options.Providers["ups"] = new OAuthProviderOptions
        {
            TokenEndpoint = Simulator.TokenEndpoint,
            ClientId = UpsClientId,
            ClientSecretName = "ups-client-secret",
            AuthStyle = OAuthClientAuthStyle.Basic,
            MerchantIdHeader = "x-merchant-id",
        };
        options.Providers["sps"] = new OAuthProviderOptions
        {
            TokenEndpoint = Simulator.TokenEndpoint,
            ClientId = SpsClientId,
            ClientSecretName = "sps-client-secret",
            AuthStyle = OAuthClientAuthStyle.Json,
            Audience = "https://spscommerce.com",
        };
        configure?.Invoke(options);
        return new OAuthTokenManager(
            _tables,
            _secrets,
            _audit,
            _http,
            Options.Create(options),
            _time,
            new FakeLogger<OAuthTokenManager>(_logs));
    }

    /// <summary>Runs the consent round trip: authorize URL → simulator redirect → callback → code exchange.</summary>
    private async Task<OAuthTokenHealth> ConnectAsync(OAuthTokenManager sut, string connectionId, string provider = "qbo")
    {
        var begin = await sut.BeginAuthorizationAsync(connectionId, provider);
        using var browser = _http.CreateClient("browser");
        using var redirect = await browser.GetAsync(begin.AuthorizeUrl);
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        var callback = redirect.Headers.Location ?? throw new InvalidOperationException("No redirect location.");
        Assert.StartsWith(RedirectUri.ToString(), callback.ToString(), StringComparison.Ordinal);
        var query = QueryHelpers.ParseQuery(callback.Query);
        Assert.True(OAuthState.TryGetConnectionId(query["state"].ToString(), out var routed));
        return await sut.ExchangeCodeAsync(routed, provider, query["code"].ToString(), query["state"].ToString(), query["realmId"].ToString());
    }

    private async Task<List<TableEntity>> ReadRawTokenRowsAsync()
    {
        var table = await _tables.GetTableAsync(_tables.Names.Tokens);
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == Connection))
        {
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>Lets a caller that waits on fake time (polling another instance's lease) run to completion.</summary>
    private async Task<T> AdvanceUntilCompletedAsync<T>(Task<T> task)
    {
        for (var i = 0; i < 500 && !task.IsCompleted; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            await Task.WhenAny(task, Task.Delay(20));
        }

        return await task.WaitAsync(TimeSpan.FromSeconds(5));
    }

    private static string Tamper(string state) => state[..^1] + (state[^1] == 'A' ? 'B' : 'A');

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 1500 && !condition(); i++)
        {
            await Task.Delay(20);
        }

        Assert.True(condition(), "the expected state was not reached within 30 s");
    }
}
