namespace MlConnector.Tests.Workflows.TestWorkflows;

public sealed record OrderInput(string ConnectionId, string OrderNumber, int MaxAttempts = 5, int RetrySeconds = 10);
