namespace MlConnector.Core.Workflows;

/// <summary>What one activity attempt produced, handed from the thread pool back to the executor's pump.</summary>
/// <param name="Operation">The step.</param>
/// <param name="Attempt">The attempt number.</param>
/// <param name="ResultJson">The result when it succeeded.</param>
/// <param name="Failure">The failure when it failed.</param>
/// <param name="Exception">The exception when it failed, for the log.</param>
/// <param name="Abandoned">True when it stopped because the runner is shutting down.</param>
internal sealed record ActivityAttemptResult(
    WorkflowOperation Operation,
    int Attempt,
    string? ResultJson,
    WorkflowFailureDetails? Failure,
    Exception? Exception,
    bool Abandoned);
