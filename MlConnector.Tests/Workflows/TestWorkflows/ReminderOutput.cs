namespace MlConnector.Tests.Workflows.TestWorkflows;

public sealed record ReminderOutput(DateTime StartedUtc, DateTime FiredUtc, Guid Marker);
