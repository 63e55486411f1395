namespace MlConnector.Core.Workflows.Engines;

/// <summary>One orchestration instance as an engine reports it, mapped to Core's terms by the engine's client.</summary>
/// <param name="OrchestratorName">The orchestrator it runs (<see cref="WorkflowOrchestratorNames.OrchestratorFor"/>).</param>
/// <param name="InstanceId">The instance id.</param>
/// <param name="Status">Where it is, in Core's terms.</param>
/// <param name="EngineStatus">The engine's own status name (for example <c>Terminated</c>), for logs and failures.</param>
/// <param name="SerializedInput">The <see cref="WorkflowEnvelope"/> as JSON, when read with its data.</param>
/// <param name="SerializedCustomStatus">The custom status as JSON, if any.</param>
/// <param name="SerializedOutput">The output as JSON, once completed.</param>
/// <param name="FailureType">The failure's exception type, once failed.</param>
/// <param name="FailureMessage">The failure's message, once failed.</param>
/// <param name="CreatedUtc">When it was started, UTC.</param>
/// <param name="LastUpdatedUtc">When its state last changed, UTC.</param>
public sealed record EngineInstance(
    string OrchestratorName,
    string InstanceId,
    WorkflowRuntimeStatus Status,
    string EngineStatus,
    string? SerializedInput,
    string? SerializedCustomStatus,
    string? SerializedOutput,
    string? FailureType,
    string? FailureMessage,
    DateTimeOffset CreatedUtc,
    DateTimeOffset LastUpdatedUtc);
