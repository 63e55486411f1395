namespace MlConnector.Core.Integrations.ShipStationQbo;

/// <summary>What one reconciliation pass of a connection found.</summary>
/// <param name="ConnectionId">The connection.</param>
/// <param name="SinceUtc">Orders modified, and shipments and fulfillments created, at or after this time were listed, UTC.</param>
/// <param name="WatermarkUtc">The new watermark, UTC (advanced only after every find was committed to a workflow).</param>
/// <param name="Orders">What the orders led to; <see cref="DispatchResult.Started"/> counts orders the webhooks missed.</param>
/// <param name="Shipments">What the shipments and fulfillments led to; <see cref="DispatchResult.Started"/> counts the ones the webhooks missed.</param>
public sealed record ReconcileResult(string ConnectionId, DateTimeOffset SinceUtc, DateTimeOffset WatermarkUtc, DispatchResult Orders, DispatchResult Shipments)
{
    /// <summary>True when the pass did nothing because another pass of the connection held its lease.</summary>
    public bool Skipped { get; init; }

    /// <summary>Shipped orders whose shipments were not in the pass's date range and were looked up one by one.</summary>
    public int OrdersLookedUpOneByOne { get; init; }
}
