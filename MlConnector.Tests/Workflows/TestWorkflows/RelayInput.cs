namespace MlConnector.Tests.Workflows.TestWorkflows;

public sealed record RelayInput(IReadOnlyList<string> Received);
