namespace MlConnector.Tests.Workflows.TestWorkflows;

public sealed record ApprovalStatus(string Stage);
