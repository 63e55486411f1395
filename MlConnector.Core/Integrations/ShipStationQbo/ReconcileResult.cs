namespace MlConnector.Core.Integrations.ShipStationQbo;

/// <summary>What one reconciliation pass of a connection found.</summary>
/// <param name="ConnectionId">The connection.</param>
/// <param name="SinceUtc">Orders modified at or after this time were listed, UTC.</param>
/// <param name="WatermarkUtc">The new watermark, UTC (advanced only after every find was committed to a workflow).</param>
/// <param name="Orders">What the orders led to; <see cref="DispatchResult.Started"/> counts orders the webhooks missed.</param>
/// <param name="Shipments">What the shipments of shipped orders led to; <see cref="DispatchResult.Started"/> counts shipments the webhooks missed.</param>
public sealed record ReconcileResult(string ConnectionId, DateTimeOffset SinceUtc, DateTimeOffset WatermarkUtc, DispatchResult Orders, DispatchResult Shipments);
