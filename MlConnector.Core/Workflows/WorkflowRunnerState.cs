namespace MlConnector.Core.Workflows;

/// <summary>A snapshot of the in-process workflow runner, reported at <c>GET /api/health</c>.</summary>
/// <param name="RunnerId">The runner's identity in instance leases.</param>
/// <param name="IsRunning">False once the runner has been disposed.</param>
/// <param name="InFlight">Instances executing right now.</param>
/// <param name="MaxConcurrency">At most this many execute at once.</param>
/// <param name="ExecutedTotal">Instance executions completed since start.</param>
/// <param name="LastPassUtc">When the runner last finished looking for due work, UTC; null before the first pass.</param>
/// <param name="LastError">Why the last pass failed (for example storage unreachable), or null when it succeeded.</param>
public sealed record WorkflowRunnerState(
    string RunnerId,
    bool IsRunning,
    int InFlight,
    int MaxConcurrency,
    long ExecutedTotal,
    DateTimeOffset? LastPassUtc,
    string? LastError);
