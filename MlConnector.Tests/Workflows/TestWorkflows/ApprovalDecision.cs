namespace MlConnector.Tests.Workflows.TestWorkflows;

public sealed record ApprovalDecision(string By);
