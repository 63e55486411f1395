namespace MlConnector.Tests.Workflows.TestWorkflows;

public sealed record ReminderInput(int DelaySeconds);
