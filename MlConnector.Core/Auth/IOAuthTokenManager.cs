namespace MlConnector.Core.Auth;

/// <summary>
/// The one OAuth 2.0 token manager for every vendor: authorization-code consent and refresh (QuickBooks Online,
/// FreshBooks, UPS auth-code) and client-credentials tokens (UPS, SPS Commerce). Tokens live only in the secret store;
/// the Tokens table holds expiries, the refresh lease and the daily token-request counters.
/// </summary>
/// <remarks>
/// Providers are configured under <c>OAuth:Providers:{name}</c> (<see cref="OAuthProviderOptions"/>). Secrets are named
/// <c>SecretName.For(connectionId, "{provider}-refresh-token")</c> and <c>"{provider}-access-token"</c>.
/// </remarks>
public interface IOAuthTokenManager
{
    /// <summary>
    /// Starts consent: makes a single-use <c>state</c> bound to the connection (stored as a hash with an expiry) and
    /// builds the provider's authorize URL (RFC 6749 §4.1.1).
    /// </summary>
    /// <param name="connectionId">The connection (letters, digits and hyphens).</param>
    /// <param name="provider">The provider name, for example <c>qbo</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The URL to send the merchant's browser to, and the state.</returns>
    /// <exception cref="ArgumentException">When the provider is not configured or the connection id is not a valid secret-name part.</exception>
    /// <exception cref="InvalidOperationException">When the provider has no authorize endpoint or redirect URI.</exception>
    Task<OAuthAuthorizationRequest> BeginAuthorizationAsync(string connectionId, string provider, CancellationToken cancellationToken = default);

    /// <summary>
    /// Completes consent: verifies <paramref name="state"/> (constant time, unexpired, single use, this connection),
    /// exchanges <paramref name="code"/> for tokens, stores both tokens in the secret store and the expiries on the
    /// connection's token row, and clears any reconsent flag.
    /// </summary>
    /// <param name="connectionId">The connection the callback belongs to (see <see cref="OAuthState.TryGetConnectionId"/>).</param>
    /// <param name="provider">The provider name.</param>
    /// <param name="code">The authorization code from the callback.</param>
    /// <param name="state">The <c>state</c> from the callback.</param>
    /// <param name="realmId">The QBO company id from the callback (<c>realmId</c>), if any.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The connection's token health after the exchange.</returns>
    /// <exception cref="Errors.ConnectorAuthException">When the state is wrong, expired or used, or the provider refuses the code.</exception>
    /// <exception cref="Errors.ConnectorException">When the token endpoint fails otherwise (transient, rate-limited).</exception>
    Task<OAuthTokenHealth> ExchangeCodeAsync(
        string connectionId,
        string provider,
        string code,
        string state,
        string? realmId = null,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Returns a usable access token for the connection: the cached one until <see cref="OAuthOptions.AccessTokenSkew"/>
    /// before it expires, otherwise a refreshed one. One refresh at a time per connection in the process, and across
    /// instances through an ETag-checked lease on the token row; a rotated refresh token is stored before the new access
    /// token is returned.
    /// </summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="provider">The provider name.</param>
    /// <param name="cancellationToken">Cancels the call (and a wait for another instance's refresh).</param>
    /// <returns>The bearer access token. A secret: never log it.</returns>
    /// <exception cref="Errors.ConnectorAuthException">When the connection was never authorized, or the provider refused the
    /// refresh token (the row is then marked as needing reconsent).</exception>
    /// <exception cref="Errors.ConnectorRateLimitedException">When the token endpoint throttles.</exception>
    /// <exception cref="Errors.ConnectorException">When the token endpoint fails transiently.</exception>
    Task<string> GetAccessTokenAsync(string connectionId, string provider, CancellationToken cancellationToken = default);

    /// <summary>
    /// Renews the access token after the vendor refused <paramref name="rejectedAccessToken"/> (HTTP 401) although it had
    /// not expired by our clock, for example because the merchant revoked it or the vendor invalidated it early. If another
    /// caller has already replaced that token, the replacement is returned without a refresh; otherwise the cached and
    /// stored token are skipped and the refresh token is used, through the same single-flight gate and lease as
    /// <see cref="GetAccessTokenAsync"/>. Callers retry their request once with the result, never more.
    /// </summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="provider">The provider name.</param>
    /// <param name="rejectedAccessToken">The token the vendor refused. A secret: never log it.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A different bearer access token. A secret: never log it.</returns>
    /// <exception cref="Errors.ConnectorAuthException">When the connection was never authorized, or the provider refused the
    /// refresh token (the row is then marked as needing reconsent).</exception>
    /// <exception cref="Errors.ConnectorRateLimitedException">When the token endpoint throttles.</exception>
    /// <exception cref="Errors.ConnectorException">When the token endpoint fails transiently.</exception>
    Task<string> RenewAccessTokenAsync(string connectionId, string provider, string rejectedAccessToken, CancellationToken cancellationToken = default);

    /// <summary>
    /// Returns a client_credentials access token for an account (RFC 6749 §4.4): cached until the skew before the
    /// provider's <c>expires_in</c>, one request at a time per account, and at most
    /// <see cref="OAuthProviderOptions.DailyTokenRequestQuota"/> requests per account per UTC day across all instances.
    /// </summary>
    /// <param name="accountKey">The account (letters, digits and hyphens), for example the connection id that owns the UPS account.</param>
    /// <param name="provider">The provider name, for example <c>ups</c> or <c>sps</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The bearer access token. A secret: never log it.</returns>
    /// <exception cref="Errors.ConnectorRateLimitedException">When the daily quota is used up (<c>RetryAfter</c> = time to the next
    /// UTC midnight; the endpoint is not called) or the endpoint throttles.</exception>
    /// <exception cref="Errors.ConnectorAuthException">When the provider refuses the client credentials.</exception>
    /// <exception cref="Errors.ConnectorException">When the token endpoint fails transiently.</exception>
    Task<string> GetClientCredentialsTokenAsync(string accountKey, string provider, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces a client_credentials token the vendor refused (HTTP 401) although it had not expired by our clock. If
    /// another caller has already replaced <paramref name="rejectedAccessToken"/>, the replacement is returned without a
    /// request; otherwise the cached (and shared) token is dropped and a new one is requested through the same gate,
    /// daily quota and audit as <see cref="GetClientCredentialsTokenAsync"/>. Callers retry their request once with the
    /// result, never more.
    /// </summary>
    /// <param name="accountKey">The account (letters, digits and hyphens).</param>
    /// <param name="provider">The provider name, for example <c>ups</c>.</param>
    /// <param name="rejectedAccessToken">The token the vendor refused. A secret: never log it.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A bearer access token other than the rejected one. A secret: never log it.</returns>
    /// <exception cref="Errors.ConnectorRateLimitedException">When the daily quota is used up or the endpoint throttles.</exception>
    /// <exception cref="Errors.ConnectorAuthException">When the provider refuses the client credentials.</exception>
    /// <exception cref="Errors.ConnectorException">When the token endpoint fails transiently.</exception>
    Task<string> RenewClientCredentialsTokenAsync(string accountKey, string provider, string rejectedAccessToken, CancellationToken cancellationToken = default);

    /// <summary>Reports each provider's token expiries and status for one connection, for operators. No token values.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>One entry per provider the connection has a token row for.</returns>
    Task<IReadOnlyList<OAuthTokenHealth>> GetTokenHealthAsync(string connectionId, CancellationToken cancellationToken = default);
}
