using Microsoft.Extensions.Options;
using MlConnector.Core.Audit;
using MlConnector.Core.Errors;
using MlConnector.Core.Secrets;
using MlConnector.Core.Storage;

namespace MlConnector.Core.Auth;

/// <summary>
/// The OAuth 2.0 token manager (see <see cref="IOAuthTokenManager"/>): a facade over small services by job, after
/// Duende.AccessTokenManagement — <see cref="OAuthConsentService"/> (authorization code), <see cref="OAuthRefreshTokenService"/>
/// (refresh under a lease), <see cref="OAuthClientCredentialsService"/> (client credentials within the daily quota),
/// <see cref="OAuthAccessTokenCache"/> (in-memory tokens and single-flight gates) and <see cref="OAuthTokenRows"/> (the
/// Tokens table and token health). Register it as a singleton: the cache and the gates live in the instance.
/// </summary>
/// <remarks>
/// <para>Refresh protocol, per connection and provider:</para>
/// <list type="number">
/// <item>A <see cref="SemaphoreSlim"/> per key admits one caller at a time; callers queued behind a refresh find the
/// new token in the cache and return it (single flight).</item>
/// <item>Across instances the token row carries a lease (<c>LeaseOwner</c>, <c>LeaseExpiresAt</c>) taken with an
/// If-Match ETag update. An instance that finds another's unexpired lease waits (polling the row every
/// <see cref="OAuthOptions.RefreshLeasePollInterval"/>) and then reads the token the winner stored.</item>
/// <item>The winner writes the refresh token the provider returned to the secret store <em>before</em> the access
/// token, before updating the row and before returning the access token: Intuit and FreshBooks rotate refresh tokens and
/// the old value stops working (PROTOCOL-NOTES §2, §4).</item>
/// <item><c>invalid_grant</c> or HTTP 400/401/403 marks the row as needing reconsent and throws
/// <see cref="ConnectorAuthException"/>.</item>
/// </list>
/// <para>Every refresh, exchange and client-credentials request is audited under <c>oauth.token.*</c>, without token values.</para>
/// </remarks>
public sealed class OAuthTokenManager : IOAuthTokenManager
{
    /// <summary>The named <see cref="HttpClient"/> used for token-endpoint calls.</summary>
    public const string HttpClientName = "MlConnector.OAuth";

    /// <summary>Audit operation of a refresh (and of the hard-expiry warning).</summary>
    public const string RefreshOperation = "oauth.token.refresh";

    /// <summary>Audit operation of an authorization-code exchange.</summary>
    public const string ExchangeOperation = "oauth.token.exchange";

    /// <summary>Audit operation of a client-credentials token request.</summary>
    public const string ClientCredentialsOperation = "oauth.token.client-credentials";

    private readonly OAuthOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly OAuthTokenRows _rows;
    private readonly OAuthAccessTokenCache _cache;
    private readonly OAuthConsentService _consent;
    private readonly OAuthRefreshTokenService _refresh;
    private readonly OAuthClientCredentialsService _clientCredentials;

    /// <summary>Composes the token services by job: rows, cache, consent, refresh, client credentials.</summary>
    /// <param name="tables">The Tokens table.</param>
    /// <param name="secrets">Where tokens and client secrets live.</param>
    /// <param name="audit">The audit trail.</param>
    /// <param name="httpClientFactory">Supplies the named client <see cref="HttpClientName"/>.</param>
    /// <param name="options">Providers and timings.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="logger">The logger.</param>
    public OAuthTokenManager(
        TableProvider tables,
        ISecretStore secrets,
        IAuditTrail audit,
        IHttpClientFactory httpClientFactory,
        IOptions<OAuthOptions> options,
        TimeProvider timeProvider,
        ILogger<OAuthTokenManager> logger)
    {
        _options = options.Value;
        var endpoint = new OAuthTokenEndpoint(httpClientFactory, secrets, timeProvider);
        var tokenAudit = new OAuthTokenAudit(audit, _options, logger);
        _rows = new OAuthTokenRows(tables, _options);
        _cache = new OAuthAccessTokenCache(_options, timeProvider, logger);
        var services = new OAuthTokenServices(_rows, endpoint, _cache, secrets, tokenAudit, _options, timeProvider, logger);
        _consent = new OAuthConsentService(services);
        _refresh = new OAuthRefreshTokenService(services);
        _clientCredentials = new OAuthClientCredentialsService(services);
        _timeProvider = timeProvider;
    }

    /// <inheritdoc />
    public Task<OAuthAuthorizationRequest> BeginAuthorizationAsync(string connectionId, string provider, CancellationToken cancellationToken = default) =>
        _consent.BeginAuthorizationAsync(connectionId, provider, GetProvider(provider, connectionId), cancellationToken);

    /// <inheritdoc />
    public Task<OAuthTokenHealth> ExchangeCodeAsync(
        string connectionId,
        string provider,
        string code,
        string state,
        string? realmId = null,
        CancellationToken cancellationToken = default) =>
        _consent.ExchangeCodeAsync(connectionId, provider, GetProvider(provider, connectionId), code, state, realmId, cancellationToken);

    /// <inheritdoc />
    public Task<string> GetAccessTokenAsync(string connectionId, string provider, CancellationToken cancellationToken = default)
    {
        var settings = GetProvider(provider, connectionId);
        var key = OAuthAccessTokenCache.Key(connectionId, provider);
        return _cache.GetOrAcquireAsync(key, () => _refresh.AcquireAsync(connectionId, provider, settings, key, rejectedAccessToken: null, cancellationToken), cancellationToken);
    }

    /// <inheritdoc />
    public Task<string> RenewAccessTokenAsync(string connectionId, string provider, string rejectedAccessToken, CancellationToken cancellationToken = default)
    {
        var settings = GetProvider(provider, connectionId);
        ArgumentException.ThrowIfNullOrEmpty(rejectedAccessToken);
        var key = OAuthAccessTokenCache.Key(connectionId, provider);
        return _cache.RenewAsync(connectionId, provider, key, rejectedAccessToken, () => _refresh.AcquireAsync(connectionId, provider, settings, key, rejectedAccessToken, cancellationToken), cancellationToken);
    }

    /// <inheritdoc />
    public Task<string> GetClientCredentialsTokenAsync(string accountKey, string provider, CancellationToken cancellationToken = default)
    {
        var settings = GetProvider(provider, accountKey);
        var key = OAuthAccessTokenCache.ClientCredentialsKey(accountKey, provider);
        return _cache.GetOrAcquireAsync(key, () => _clientCredentials.RequestAsync(accountKey, provider, settings, key, rejectedAccessToken: null, cancellationToken), cancellationToken);
    }

    /// <inheritdoc />
    public Task<string> RenewClientCredentialsTokenAsync(string accountKey, string provider, string rejectedAccessToken, CancellationToken cancellationToken = default)
    {
        var settings = GetProvider(provider, accountKey);
        ArgumentException.ThrowIfNullOrEmpty(rejectedAccessToken);
        var key = OAuthAccessTokenCache.ClientCredentialsKey(accountKey, provider);
        return _cache.RenewAsync(accountKey, provider, key, rejectedAccessToken, () => _clientCredentials.RequestAsync(accountKey, provider, settings, key, rejectedAccessToken, cancellationToken), cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<OAuthTokenHealth>> GetTokenHealthAsync(string connectionId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionId);
        return _rows.GetHealthAsync(connectionId, _timeProvider.GetUtcNow(), cancellationToken);
    }

    private OAuthProviderOptions GetProvider(string provider, string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(provider);
        ArgumentException.ThrowIfNullOrWhiteSpace(id);

        // Validates that both make a valid secret name before anything is stored under them.
        _ = OAuthTokenRows.RefreshTokenName(id, provider);
        return _options.Providers.TryGetValue(provider, out var settings) && settings is not null
            ? settings
            : throw new ArgumentException($"No OAuth provider '{provider}' is configured under OAuth:Providers.", nameof(provider));
    }
}
