namespace MlConnector.Tests.Workflows.TestWorkflows;

/// <summary>The input of <see cref="ReminderWorkflow"/>; fractions of a minute keep engine tests short.</summary>
public sealed record ReminderInput(double DelayMinutes);
