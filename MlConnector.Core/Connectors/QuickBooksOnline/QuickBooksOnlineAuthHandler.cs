using MlConnector.Core.Auth;

namespace MlConnector.Core.Connectors.QuickBooksOnline;

/// <summary>
/// Puts the connection's QBO bearer token on each request (from <see cref="IOAuthTokenManager"/>, provider <c>qbo</c>). On
/// a 401 it renews the token once (<see cref="IOAuthTokenManager.RenewAccessTokenAsync"/>) and resends once; a second 401
/// is returned to the caller, which maps it to <see cref="Errors.ConnectorAuthException"/> (see <see cref="ConnectionTokenHandler"/>).
/// </summary>
/// <param name="tokens">The token manager.</param>
/// <param name="logger">The logger.</param>
public sealed class QuickBooksOnlineAuthHandler(IOAuthTokenManager tokens, ILogger<QuickBooksOnlineAuthHandler> logger) : ConnectionTokenHandler
{
    /// <summary>The OAuth provider name of QuickBooks Online.</summary>
    public const string Provider = "qbo";

    /// <inheritdoc />
    protected override Task<string> GetTokenAsync(string connectionId, CancellationToken cancellationToken) =>
        tokens.GetAccessTokenAsync(connectionId, Provider, cancellationToken);

    /// <inheritdoc />
    protected override Task<string> RenewTokenAsync(string connectionId, string rejectedToken, CancellationToken cancellationToken) =>
        tokens.RenewAccessTokenAsync(connectionId, Provider, rejectedToken, cancellationToken);

    /// <inheritdoc />
    protected override void OnTokenRefused(string connectionId) => logger.AccessTokenRefused(connectionId);
}
