using MlConnector.Core.Auth;

namespace MlConnector.Core.Connectors.Ups;

/// <summary>
/// Stamps every attempt of a UPS request with the connection's client-credentials bearer token
/// (<see cref="IOAuthTokenManager.GetClientCredentialsTokenAsync"/>, provider <c>ups</c>, account = the connection id, so
/// the token request carries the connection's <c>x-merchant-id</c>), a fresh <c>transId</c> (32 characters, "an identifier
/// unique to the request", Shipping.yaml, Rating.yaml, Tracking.yaml, UPSTrackAlert.yaml) and <c>transactionSrc</c>. On a
/// 401 it renews the token once (<see cref="IOAuthTokenManager.RenewClientCredentialsTokenAsync"/>) and resends once with a
/// new <c>transId</c>; a second 401 goes back to the caller (see <see cref="ConnectionTokenHandler"/>).
/// </summary>
/// <param name="tokens">The token manager.</param>
/// <param name="logger">The logger.</param>
public sealed class UpsAuthHandler(IOAuthTokenManager tokens, ILogger<UpsAuthHandler> logger) : ConnectionTokenHandler
{
    /// <summary>The OAuth provider name of UPS (<c>OAuth:Providers:ups</c>).</summary>
    public const string Provider = "ups";

    /// <summary>The <c>transactionSrc</c> header value: the calling application.</summary>
    public const string TransactionSource = "ml-connector";

    /// <inheritdoc />
    protected override Task<string> GetTokenAsync(string connectionId, CancellationToken cancellationToken) =>
        tokens.GetClientCredentialsTokenAsync(connectionId, Provider, cancellationToken);

    /// <inheritdoc />
    protected override Task<string> RenewTokenAsync(string connectionId, string rejectedToken, CancellationToken cancellationToken) =>
        tokens.RenewClientCredentialsTokenAsync(connectionId, Provider, rejectedToken, cancellationToken);

    /// <inheritdoc />
    protected override void OnTokenRefused(string connectionId) => logger.UpsAccessTokenRefused(connectionId);

    /// <inheritdoc />
    protected override void Stamp(HttpRequestMessage request, string token)
    {
        base.Stamp(request, token);
        request.Headers.Remove("transId");
        request.Headers.TryAddWithoutValidation("transId", Guid.NewGuid().ToString("N"));
        request.Headers.Remove("transactionSrc");
        request.Headers.TryAddWithoutValidation("transactionSrc", TransactionSource);
    }
}
