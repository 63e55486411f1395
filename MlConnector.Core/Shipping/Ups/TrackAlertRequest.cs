namespace MlConnector.Core.Shipping.Ups;

/// <summary>Tracking numbers of one connection to subscribe to Track Alert.</summary>
/// <param name="ConnectionId">The connection.</param>
/// <param name="TrackingNumbers">The tracking numbers.</param>
public sealed record TrackAlertRequest(string ConnectionId, IReadOnlyList<string> TrackingNumbers);
