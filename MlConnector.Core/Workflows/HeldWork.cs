namespace MlConnector.Core.Workflows;

/// <summary>One piece of work held while its connection is paused (a row of <see cref="HeldWorkStore"/>).</summary>
/// <param name="ConnectionId">The paused connection.</param>
/// <param name="Kind">Start a new instance, or replay a stopped one.</param>
/// <param name="InstanceId">The instance to start, or the instance to replay.</param>
/// <param name="OrchestratorName">For <see cref="HeldWorkKind.Start"/>: the engine orchestrator to start.</param>
/// <param name="EnvelopeJson">For <see cref="HeldWorkKind.Start"/>: the engine envelope with the workflow's input (ids, no secrets).</param>
/// <param name="HeldUtc">When the work was held, UTC; work is released in this order.</param>
/// <param name="RowKey">The row's key (arrival order).</param>
public sealed record HeldWork(
    string ConnectionId,
    HeldWorkKind Kind,
    string InstanceId,
    string? OrchestratorName,
    string? EnvelopeJson,
    DateTimeOffset HeldUtc,
    string RowKey);
