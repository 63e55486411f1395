namespace MlConnector.Core.Resilience;

/// <summary>
/// Spends the <see cref="RateGovernor"/> budget named by the request
/// (<see cref="HttpRequestMessageResilienceExtensions.SetRateLimitKey"/>): waits for a permit, holds the lease while the
/// request is in flight, and reports the vendor's throttling headers back to the governor.
/// </summary>
/// <remarks>
/// Add it after <see cref="ConnectorResilienceHttpClientBuilderExtensions.AddConnectorResilience"/>
/// (<c>.AddHttpMessageHandler&lt;RateGovernorHandler&gt;()</c>), so every attempt is counted and every throttle is seen.
/// </remarks>
/// <param name="registry">The shared governors.</param>
public sealed class RateGovernorHandler(RateGovernorRegistry registry) : DelegatingHandler
{
    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">When the request names no rate budget: a connector bug, never sent unthrottled.</exception>
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var key = request.GetRateLimitKey()
            ?? throw new InvalidOperationException($"The request {request.Method} {request.RequestUri?.AbsolutePath} names no rate budget; call SetRateLimitKey(connector, key) before sending it.");
        var governor = registry.GetGovernor(key);
        using var lease = await governor.AcquireAsync(cancellationToken);
        var response = await base.SendAsync(request, cancellationToken);
        governor.ObserveResponse(response);
        return response;
    }
}
