using System.Diagnostics.CodeAnalysis;
using System.Net.Http.Headers;

namespace MlConnector.Core.Auth;

/// <summary>
/// The one bearer-token <see cref="DelegatingHandler"/> shape of the OAuth connectors: it puts the connection's token on
/// each attempt, and on a 401 renews the token once and resends once; a second 401 goes back to the caller, which maps
/// it to <see cref="Errors.ConnectorAuthException"/>. Vendors supply how a token is got and renewed (authorization code
/// for QuickBooks Online, client credentials for UPS) and what else each attempt carries.
/// </summary>
/// <remarks>
/// The connection is named on the request with <see cref="SetConnectionId"/>. Register the handler inside the resilience
/// handler and outside <c>RateGovernorHandler</c>, so every attempt, including the resend after a 401, gets a current
/// token and spends rate budget. The request content must be re-readable (clients send byte arrays).
/// </remarks>
public abstract class ConnectionTokenHandler : DelegatingHandler
{
    private static readonly HttpRequestOptionsKey<string> ConnectionIdKey = new("MlConnector.Auth.ConnectionId");

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

    /// <summary>The connection named on the request by <see cref="SetConnectionId"/>, if any.</summary>
    /// <param name="request">The request.</param>
    /// <param name="connectionId">The connection id, when named.</param>
    /// <returns>Whether the request names a connection.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="request"/> is null.</exception>
    public static bool TryGetConnectionId(HttpRequestMessage request, [NotNullWhen(true)] out string? connectionId)
    {
        ArgumentNullException.ThrowIfNull(request);
        connectionId = request.Options.TryGetValue(ConnectionIdKey, out var id) && !string.IsNullOrEmpty(id) ? id : null;
        return connectionId is not null;
    }

    /// <summary>The connection's current token.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The bearer token. A secret: never log it.</returns>
    protected abstract Task<string> GetTokenAsync(string connectionId, CancellationToken cancellationToken);

    /// <summary>A replacement for a token the vendor refused.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="rejectedToken">The refused token. A secret: never log it.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The new bearer token. A secret: never log it.</returns>
    protected abstract Task<string> RenewTokenAsync(string connectionId, string rejectedToken, CancellationToken cancellationToken);

    /// <summary>Called when the vendor answered 401, before the renewal (for the vendor's log message).</summary>
    /// <param name="connectionId">The connection.</param>
    protected abstract void OnTokenRefused(string connectionId);

    /// <summary>Puts the token (and anything else each attempt carries) on the request.</summary>
    /// <param name="request">The request.</param>
    /// <param name="token">The bearer token.</param>
    protected virtual void Stamp(HttpRequestMessage request, string token)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">When the request names no connection: a connector bug.</exception>
    protected sealed override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.Options.TryGetValue(ConnectionIdKey, out var connectionId) || string.IsNullOrEmpty(connectionId))
        {
            throw new InvalidOperationException($"The request {request.Method} {request.RequestUri?.AbsolutePath} names no connection; call {GetType().Name}.SetConnectionId first.");
        }

        var token = await GetTokenAsync(connectionId, cancellationToken);
        Stamp(request, token);
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        OnTokenRefused(connectionId);
        response.Dispose();
        Stamp(request, await RenewTokenAsync(connectionId, token, cancellationToken));
        return await base.SendAsync(request, cancellationToken);
    }
}
