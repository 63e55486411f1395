namespace MlConnector.Core.Failures;

/// <summary>One id's result in a bulk replay.</summary>
/// <param name="Id">The failed instance id asked for.</param>
/// <param name="ReplayInstanceId">The replay's instance id (<c>{root}:r{n}</c>), when one was started or existed.</param>
/// <param name="Outcome">One of <see cref="FailureReplayOutcome"/>'s values.</param>
/// <param name="Detail">Why, when nothing was started.</param>
public sealed record FailureReplayResult(string Id, string? ReplayInstanceId, string Outcome, string? Detail = null);
