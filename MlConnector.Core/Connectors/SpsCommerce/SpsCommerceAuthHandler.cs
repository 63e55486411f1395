using MlConnector.Core.Auth;

namespace MlConnector.Core.Connectors.SpsCommerce;

/// <summary>
/// Puts the connection's SPS Commerce bearer token on each attempt: an OAuth 2.0 client-credentials token from
/// <see cref="IOAuthTokenManager.GetClientCredentialsTokenAsync"/> (provider <c>sps</c>, account = the connection id),
/// cached until <c>OAuth:AccessTokenSkew</c> before its <c>expires_in</c> and never fetched per call, because SPS throttles
/// token issuance (PROTOCOL-NOTES §6). On a 401 it renews once and resends once (see <see cref="ConnectionTokenHandler"/>).
/// </summary>
/// <param name="tokens">The token manager.</param>
/// <param name="logger">The logger.</param>
public sealed class SpsCommerceAuthHandler(IOAuthTokenManager tokens, ILogger<SpsCommerceAuthHandler> logger) : ConnectionTokenHandler
{
    /// <summary>The OAuth provider name of SPS Commerce (<c>OAuth:Providers:sps</c>).</summary>
    public const string Provider = "sps";

    /// <inheritdoc />
    protected override Task<string> GetTokenAsync(string connectionId, CancellationToken cancellationToken) =>
        tokens.GetClientCredentialsTokenAsync(connectionId, Provider, cancellationToken);

    /// <inheritdoc />
    protected override Task<string> RenewTokenAsync(string connectionId, string rejectedToken, CancellationToken cancellationToken) =>
        tokens.RenewClientCredentialsTokenAsync(connectionId, Provider, rejectedToken, cancellationToken);

    /// <inheritdoc />
    protected override void OnTokenRefused(string connectionId) => logger.SpsAccessTokenRefused(connectionId);
}
