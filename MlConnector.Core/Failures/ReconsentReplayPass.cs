namespace MlConnector.Core.Failures;

/// <summary>What one pass of <see cref="ReconsentFailureReplay"/> did for a connection that consented again.</summary>
/// <param name="Results">One result per failure whose replay the pass asked for (in the order the failures happened).</param>
/// <param name="Complete">
/// True when the pass reached every open failure that waited for consent; false when its time budget ran out first (or it
/// could not read the queue): the failures it did not reach stay open for the <c>ReconsentReplay</c> schedule.
/// </param>
public sealed record ReconsentReplayPass(IReadOnlyList<FailureReplayResult> Results, bool Complete);
