using MlConnector.Core.Connectors.Ups;

namespace MlConnector.Core.Shipping.Ups;

/// <summary>
/// A package's new status and where it came from: what an <see cref="IUpsTrackingHandler"/> hands its tracking
/// workflow (for <c>qbo-ups</c>, "UPS tracking → QBO bill"). Its JSON shape is that workflow's deployed input; keep it.
/// </summary>
/// <param name="ConnectionId">The connection.</param>
/// <param name="Status">The status.</param>
/// <param name="Source"><c>trackalert</c> (a push), <c>poll</c> (the batched tracking poll) or <c>quantumview</c>.</param>
public sealed record TrackingUpdate(string ConnectionId, UpsTrackingStatus Status, string Source);
