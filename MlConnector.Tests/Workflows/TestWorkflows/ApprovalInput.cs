namespace MlConnector.Tests.Workflows.TestWorkflows;

public sealed record ApprovalInput(string ConnectionId, string OrderNumber, int TimeoutSeconds, bool CallActivityFirst = false);
