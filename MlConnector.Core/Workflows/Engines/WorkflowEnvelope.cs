namespace MlConnector.Core.Workflows.Engines;

/// <summary>
/// The orchestration input every workflow instance is started with on either engine: the workflow's own input plus
/// its replay lineage, which the engines cannot store anywhere else. Its JSON shape is stored with every instance:
/// never rename a property.
/// </summary>
/// <param name="Input">The workflow input as web-defaults JSON; null for none.</param>
/// <param name="RootInstanceId">The original instance this one descends from (itself when not a replay).</param>
/// <param name="ReplayGeneration">0 for an original, n for its n-th replay.</param>
/// <param name="ReplayOf">The failed instance this one replays; null when not a replay.</param>
public sealed record WorkflowEnvelope(JsonElement? Input, string RootInstanceId, int ReplayGeneration, string? ReplayOf);
