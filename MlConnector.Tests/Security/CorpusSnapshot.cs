namespace MlConnector.Tests.Security;

/// <summary>What the host has recorded, started and audited so far.</summary>
/// <param name="Recorded">Webhook deliveries the intake recorded (its <c>WebhookDeliveryRecorded</c> log events).</param>
/// <param name="Workflows">Workflow instances in the task hub.</param>
/// <param name="AuditRows">Rows in the audit table (every partition, repeat pointers included).</param>
public sealed record CorpusSnapshot(int Recorded, int Workflows, int AuditRows);
