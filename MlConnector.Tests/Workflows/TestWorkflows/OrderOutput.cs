namespace MlConnector.Tests.Workflows.TestWorkflows;

public sealed record OrderOutput(string InvoiceId, string TrackingNumber);
