using MlConnector.Core.Connectors.Ups;

namespace MlConnector.Core.Integrations.QboUps;

/// <summary>The input of "UPS tracking → QBO bill": a package's new status and where it came from.</summary>
/// <param name="ConnectionId">The connection.</param>
/// <param name="Status">The status.</param>
/// <param name="Source"><c>trackalert</c> (a push) or <c>poll</c> (the batched tracking poll).</param>
public sealed record TrackingUpdate(string ConnectionId, UpsTrackingStatus Status, string Source);
