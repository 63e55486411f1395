namespace MlConnector.Core.Integrations.QboUps;

/// <summary>The output of "UPS tracking → QBO bill".</summary>
/// <param name="TrackingNumber">The tracking number.</param>
/// <param name="CostEntityId">The QBO Bill or JournalEntry updated; null when the package is not one of ours.</param>
/// <param name="Changed">True when QBO was changed (false when the status was already there).</param>
/// <param name="Delivered">True when the package is delivered (its Track Alert subscription is no longer renewed).</param>
public sealed record TrackingApplyResult(string TrackingNumber, string? CostEntityId, bool Changed, bool Delivered);
