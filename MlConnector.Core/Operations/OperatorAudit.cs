using MlConnector.Core.Audit;

namespace MlConnector.Core.Operations;

/// <summary>
/// Writes the audit row of an operator action (create, update, delete, pause, resume, secret set, replay, webhook
/// registration): operation <c>operator.{action}</c>, outcome Succeeded, <see cref="AuditRecord.Actor"/> the operator,
/// and a detail that never holds a secret value.
/// </summary>
/// <param name="audit">The audit trail.</param>
public sealed class OperatorAudit(IAuditTrail audit)
{
    /// <summary>Records one action.</summary>
    /// <param name="connectionId">The connection acted on.</param>
    /// <param name="action">The action, for example <c>connection.pause</c> or <c>secret.set</c>.</param>
    /// <param name="identity">Who did it.</param>
    /// <param name="detail">What was done (names, never values).</param>
    /// <param name="workflowInstanceId">The workflow instance acted on, if any.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the row is written.</returns>
    public Task RecordAsync(string connectionId, string action, OperatorIdentity identity, string? detail = null, string? workflowInstanceId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(identity);
        return audit.WriteAsync(
            new AuditRecord(connectionId, "operator." + action, AuditOutcome.Succeeded)
            {
                Actor = identity.ToString(),
                Detail = detail,
                WorkflowInstanceId = workflowInstanceId,
            },
            cancellationToken);
    }
}
