namespace MlConnector.Core.Health;

/// <summary>One flow (workflow) of a connection: when it last synced something successfully.</summary>
/// <param name="Workflow">The workflow's name.</param>
/// <param name="LastSucceededUtc">When its newest completed instance finished, UTC.</param>
public sealed record FlowHealth(string Workflow, DateTimeOffset LastSucceededUtc);
