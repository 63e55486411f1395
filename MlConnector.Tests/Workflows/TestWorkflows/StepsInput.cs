namespace MlConnector.Tests.Workflows.TestWorkflows;

/// <summary>How many activity steps <see cref="StepsWorkflow"/> runs, one after another.</summary>
public sealed record StepsInput(int Steps);
