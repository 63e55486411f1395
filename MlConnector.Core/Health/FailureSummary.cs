using MlConnector.Core.Failures;

namespace MlConnector.Core.Health;

/// <summary>A connection's open failures by class.</summary>
/// <param name="Total">How many.</param>
/// <param name="ByErrorKind">Count per error kind.</param>
/// <param name="ByWhoFixes">Count per <see cref="FailureOwner"/> value.</param>
/// <param name="Newest">The newest few, with what to fix.</param>
public sealed record FailureSummary(int Total, IReadOnlyDictionary<string, int> ByErrorKind, IReadOnlyDictionary<string, int> ByWhoFixes, IReadOnlyList<FailureRecord> Newest);
