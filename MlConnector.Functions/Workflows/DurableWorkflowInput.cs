using System.Text.Json;

namespace MlConnector.Functions.Workflows;

/// <summary>
/// The orchestration input every workflow orchestrator receives from <see cref="DurableWorkflowClient"/>: the
/// workflow's own input plus its replay lineage, which Durable cannot store anywhere else.
/// </summary>
/// <param name="Input">The workflow input as web-defaults JSON; null for none.</param>
/// <param name="RootInstanceId">The original instance this one descends from (itself when not a replay).</param>
/// <param name="ReplayGeneration">0 for an original, n for its n-th replay.</param>
/// <param name="ReplayOf">The failed instance this one replays; null when not a replay.</param>
public sealed record DurableWorkflowInput(JsonElement? Input, string RootInstanceId, int ReplayGeneration, string? ReplayOf);
