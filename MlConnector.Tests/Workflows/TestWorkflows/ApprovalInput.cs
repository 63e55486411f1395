namespace MlConnector.Tests.Workflows.TestWorkflows;

/// <summary>The input of <see cref="ApprovalWorkflow"/>; fractions of a minute keep engine tests short.</summary>
public sealed record ApprovalInput(string ConnectionId, string OrderNumber, double TimeoutMinutes, bool CallActivityFirst = false);
