using System.Net.Http.Headers;
using MlConnector.Core.Auth;

namespace MlConnector.Core.Connectors.QuickBooksOnline;

/// <summary>
/// Puts the connection's QBO bearer token on each request (from <see cref="IOAuthTokenManager"/>, provider <c>qbo</c>). On
/// a 401 it renews the token once (<see cref="IOAuthTokenManager.RenewAccessTokenAsync"/>) and resends once; a second 401
/// is returned to the caller, which maps it to <see cref="Errors.ConnectorAuthException"/>.
/// </summary>
/// <remarks>
/// The connection is named on the request with <see cref="SetConnectionId"/>. The handler sits inside the resilience
/// handler and outside <see cref="Resilience.RateGovernorHandler"/>, so every attempt, including the resend after a 401,
/// gets a current token and spends rate budget. The request content must be re-readable (the client sends byte arrays).
/// </remarks>
/// <param name="tokens">The token manager.</param>
/// <param name="logger">The logger.</param>
public sealed class QuickBooksOnlineAuthHandler(IOAuthTokenManager tokens, ILogger<QuickBooksOnlineAuthHandler> logger) : DelegatingHandler
{
    /// <summary>The OAuth provider name of QuickBooks Online.</summary>
    public const string Provider = "qbo";

    private static readonly HttpRequestOptionsKey<string> ConnectionIdKey = new("MlConnector.QuickBooksOnline.ConnectionId");

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
            throw new InvalidOperationException($"The request {request.Method} {request.RequestUri?.AbsolutePath} names no connection; call QuickBooksOnlineAuthHandler.SetConnectionId first.");
        }

        var token = await tokens.GetAccessTokenAsync(connectionId, Provider, cancellationToken);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        logger.AccessTokenRefused(connectionId);
        response.Dispose();
        var renewed = await tokens.RenewAccessTokenAsync(connectionId, Provider, token, cancellationToken);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", renewed);
        return await base.SendAsync(request, cancellationToken);
    }
}
