using MlConnector.Core.Resilience;

namespace MlConnector.Core.Connectors.ShipStation;

/// <summary>
/// The rate budgets of ShipStation, registered by <see cref="ShipStationServiceCollectionExtensions.AddShipStationConnector"/>
/// for the connector codes <c>shipstation</c> (<see cref="V1"/>) and <c>shipstation-v2</c> (<see cref="V2"/>); both are
/// kept per connection (one API key and secret each).
/// </summary>
public static class ShipStationRatePolicies
{
    /// <summary>
    /// V1, per API key and secret: 40 requests/min; responses carry <c>X-Rate-Limit-Remaining</c> and
    /// <c>X-Rate-Limit-Reset</c> (docs.shipstation.com/apis/shipstation-v1/docs/start-here/requirements; PROTOCOL-NOTES §5).
    /// </summary>
    public static RateLimitPolicy V1 { get; } = new(null, new RateWindow(40, TimeSpan.FromMinutes(1)));

    /// <summary>
    /// V2, per API key: 200 requests/min by default; 429 carries <c>Retry-After</c>
    /// (docs.shipstation.com/rate-limits; PROTOCOL-NOTES §5).
    /// </summary>
    public static RateLimitPolicy V2 { get; } = new(null, new RateWindow(200, TimeSpan.FromMinutes(1)));
}
