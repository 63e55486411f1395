using System.Net.Http.Headers;
using MlConnector.Core.Auth;

namespace MlConnector.Core.Connectors.Ups;

/// <summary>
/// Stamps every attempt of a UPS request with the connection's client-credentials bearer token
/// (<see cref="IOAuthTokenManager.GetClientCredentialsTokenAsync"/>, provider <c>ups</c>, account = the connection id, so
/// the token request carries the connection's <c>x-merchant-id</c>), a fresh <c>transId</c> (32 characters, "an identifier
/// unique to the request", Shipping.yaml, Rating.yaml, Tracking.yaml, UPSTrackAlert.yaml) and <c>transactionSrc</c>. On a
/// 401 it renews the token once (<see cref="IOAuthTokenManager.RenewClientCredentialsTokenAsync"/>) and resends once; a
/// second 401 goes back to the caller, which maps it to <see cref="Errors.ConnectorAuthException"/>.
/// </summary>
/// <remarks>
/// The connection is named on the request with <see cref="SetConnectionId"/>. The handler sits inside the resilience
/// handler and outside <see cref="Resilience.RateGovernorHandler"/>, so every attempt, including the resend after a 401,
/// gets a current token, its own <c>transId</c> and spends rate budget. Request content must be re-readable.
/// </remarks>
/// <param name="tokens">The token manager.</param>
/// <param name="logger">The logger.</param>
public sealed class UpsAuthHandler(IOAuthTokenManager tokens, ILogger<UpsAuthHandler> logger) : DelegatingHandler
{
    /// <summary>The OAuth provider name of UPS (<c>OAuth:Providers:ups</c>).</summary>
    public const string Provider = "ups";

    /// <summary>The <c>transactionSrc</c> header value: the calling application.</summary>
    public const string TransactionSource = "ml-connector";

    private static readonly HttpRequestOptionsKey<string> ConnectionIdKey = new("MlConnector.Ups.ConnectionId");

    /// <summary>Names the connection whose token the request carries.</summary>
    /// <param name="request">The request.</param>
    /// <param name="connectionId">The connection id (not a secret).</param>
    /// <returns>The same request.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="request"/> is null.</exception>
    /// <exception cref="ArgumentException">When <paramref name="connectionId"/> is empty.</exception>
    public static HttpRequestMessage SetConnectionId(HttpRequestMessage request, string connectionId)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionId);
        request.Options.Set(ConnectionIdKey, connectionId);
        return request;
    }

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">When the request names no connection: a connector bug.</exception>
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.Options.TryGetValue(ConnectionIdKey, out var connectionId) || string.IsNullOrEmpty(connectionId))
        {
            throw new InvalidOperationException($"The request {request.Method} {request.RequestUri?.AbsolutePath} names no connection; call UpsAuthHandler.SetConnectionId first.");
        }

        var token = await tokens.GetClientCredentialsTokenAsync(connectionId, Provider, cancellationToken);
        Stamp(request, token);
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        logger.UpsAccessTokenRefused(connectionId);
        response.Dispose();
        var renewed = await tokens.RenewClientCredentialsTokenAsync(connectionId, Provider, token, cancellationToken);
        Stamp(request, renewed);
        return await base.SendAsync(request, cancellationToken);
    }

    private static void Stamp(HttpRequestMessage request, string token)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Remove("transId");
        request.Headers.TryAddWithoutValidation("transId", Guid.NewGuid().ToString("N"));
        request.Headers.Remove("transactionSrc");
        request.Headers.TryAddWithoutValidation("transactionSrc", TransactionSource);
    }
}
