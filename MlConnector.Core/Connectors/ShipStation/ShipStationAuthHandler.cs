using System.Net.Http.Headers;
using MlConnector.Core.Auth;
using MlConnector.Core.Errors;
using MlConnector.Core.Resilience;
using MlConnector.Core.Secrets;

namespace MlConnector.Core.Connectors.ShipStation;

/// <summary>
/// Puts the connection's ShipStation credentials on each attempt, read from the secret store (never logged, never on an
/// exception): for V1 calls (rate budget <c>shipstation</c>) HTTP Basic with the API key as user name and the API secret
/// as password (https://docs.shipstation.com/apis/shipstation-v1/docs/start-here/requirements); for V2 calls (rate budget
/// <c>shipstation-v2</c>) the <c>api-key</c> header (contracts/shipstation/v2/openapi.yaml, <c>securitySchemes</c>).
/// </summary>
/// <remarks>
/// The connection is named on the request with <see cref="ConnectionTokenHandler.SetConnectionId"/> (as
/// <see cref="ConnectorHttp.CreateRequest"/> does); a request marked <see cref="WithoutCredentials"/> (the public JWKS)
/// goes out as it is. A missing secret is a <see cref="ConnectorAuthException"/> before anything is sent. ShipStation
/// has no token to renew, so a 401 goes straight back to the caller. Register it inside the resilience handler and
/// outside <see cref="RateGovernorHandler"/>.
/// </remarks>
/// <param name="secrets">Where the connection's API key and secret live.</param>
/// <param name="logger">The logger.</param>
public sealed class ShipStationAuthHandler(ISecretStore secrets, ILogger<ShipStationAuthHandler> logger) : DelegatingHandler
{
    private static readonly HttpRequestOptionsKey<bool> AnonymousKey = new("MlConnector.ShipStation.WithoutCredentials");

    /// <summary>Marks a request that carries no credentials (ShipStation's public signing keys).</summary>
    /// <param name="request">The request.</param>
    /// <returns>The same request.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="request"/> is null.</exception>
    public static HttpRequestMessage WithoutCredentials(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Options.Set(AnonymousKey, true);
        return request;
    }

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">When the request names no connection and is not marked <see cref="WithoutCredentials"/>: a connector bug.</exception>
    /// <exception cref="ConnectorAuthException">When the connection's key or secret is not in the secret store.</exception>
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Options.TryGetValue(AnonymousKey, out var anonymous) && anonymous)
        {
            return await base.SendAsync(request, cancellationToken);
        }

        if (!ConnectionTokenHandler.TryGetConnectionId(request, out var connectionId))
        {
            throw new InvalidOperationException($"The request {request.Method} {request.RequestUri?.AbsolutePath} names no connection; call ConnectionTokenHandler.SetConnectionId first.");
        }

        if (string.Equals(request.GetRateLimitKey()?.Connector, ShipStationClient.V2Connector, StringComparison.OrdinalIgnoreCase))
        {
            request.Headers.Remove("api-key");
            request.Headers.TryAddWithoutValidation("api-key", await ReadSecretAsync(connectionId, ShipStationClient.V2ApiKeySecret, cancellationToken));
        }
        else
        {
            var key = await ReadSecretAsync(connectionId, ShipStationClient.ApiKeySecret, cancellationToken);
            var secret = await ReadSecretAsync(connectionId, ShipStationClient.ApiSecretSecret, cancellationToken);
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(key + ":" + secret)));
        }

        return await base.SendAsync(request, cancellationToken);
    }

    private async Task<string> ReadSecretAsync(string connectionId, string purpose, CancellationToken cancellationToken)
    {
        var value = await secrets.GetAsync(SecretName.For(connectionId, purpose), cancellationToken);
        if (string.IsNullOrEmpty(value))
        {
            logger.ShipStationCredentialsMissing(connectionId, purpose);
            throw new ConnectorAuthException(ShipStationClient.Connector, $"Connection '{connectionId}' has no {purpose} in the secret store; connect ShipStation again.");
        }

        return value;
    }
}
