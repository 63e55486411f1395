using MlConnector.Core.Auth;

namespace MlConnector.Core.Connectors.FreshBooks;

/// <summary>
/// Puts the connection's FreshBooks bearer token on each request (from <see cref="IOAuthTokenManager"/>, provider
/// <c>freshbooks</c>: authorization code, 12-hour access tokens, single-use refresh tokens rotated and stored before use,
/// PROTOCOL-NOTES §4). On a 401 it renews the token once and resends once (see <see cref="ConnectionTokenHandler"/>).
/// </summary>
/// <param name="tokens">The token manager.</param>
/// <param name="logger">The logger.</param>
public sealed class FreshBooksAuthHandler(IOAuthTokenManager tokens, ILogger<FreshBooksAuthHandler> logger) : ConnectionTokenHandler
{
    /// <summary>The OAuth provider name of FreshBooks.</summary>
    public const string Provider = "freshbooks";

    /// <inheritdoc />
    protected override Task<string> GetTokenAsync(string connectionId, CancellationToken cancellationToken) =>
        tokens.GetAccessTokenAsync(connectionId, Provider, cancellationToken);

    /// <inheritdoc />
    protected override Task<string> RenewTokenAsync(string connectionId, string rejectedToken, CancellationToken cancellationToken) =>
        tokens.RenewAccessTokenAsync(connectionId, Provider, rejectedToken, cancellationToken);

    /// <inheritdoc />
    protected override void OnTokenRefused(string connectionId) => logger.FreshBooksAccessTokenRefused(connectionId);
}
