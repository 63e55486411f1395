using MlConnector.Core.Audit;
using MlConnector.Core.Connectors.QuickBooksOnline;
using MlConnector.Core.Idempotency;
using MlConnector.Core.Workflows;

namespace MlConnector.Core.Integrations.ShipStationQbo.Activities;

/// <summary>
/// Finds the order's buyer among QBO customers by e-mail, then by display name, and creates the customer only when
/// neither matches, once (ledger plus <c>requestid</c>).
/// </summary>
/// <param name="qbo">The QBO client.</param>
/// <param name="snapshots">The snapshot store.</param>
/// <param name="ledger">The idempotency ledger.</param>
/// <param name="audit">The audit trail.</param>
public sealed class QboEnsureCustomerActivity(IQuickBooksOnlineClient qbo, ShipStationSnapshotStore snapshots, IIdempotencyLedger ledger, IAuditTrail audit)
    : IWorkflowActivity<OrderSnapshotRef, string>
{
    /// <inheritdoc />
    public string Name => nameof(QboEnsureCustomerActivity);

    /// <inheritdoc />
    public Task<string> RunAsync(WorkflowActivityContext context, OrderSnapshotRef input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var template = new AuditRecord(input.ConnectionId, "qbo.customer.ensure", AuditOutcome.Started)
        {
            WorkflowInstanceId = context.InstanceId,
            BusinessKey = input.OrderNumber,
        };
        return audit.RecordStepAsync(
            template,
            async ct =>
            {
                var order = await snapshots.GetOrderAsync(input, ct);
                var customer = ShipStationQboMapper.ToCustomer(order);
                if (customer.PrimaryEmailAddr is { } email)
                {
                    var byEmail = await qbo.FindCustomersByEmailAsync(input.ConnectionId, email.Address, ct);
                    if (byEmail.Count > 0)
                    {
                        return new AuditedResult<string>(byEmail[0].Id!, AuditOutcome.Skipped, byEmail[0].Id, "Matched an existing customer by e-mail.");
                    }
                }

                var key = ShipStationQboKeys.CustomerCreate(input.ConnectionId, customer.PrimaryEmailAddr?.Address ?? customer.DisplayName);
                var result = await ledger.ExecuteOnceAsync(
                    key,
                    async c => (await qbo.FindCustomerByDisplayNameAsync(input.ConnectionId, customer.DisplayName, c))?.Id,
                    async c => (await qbo.CreateCustomerAsync(input.ConnectionId, customer, key.ToRequestId(), c)).Id!,
                    ct);
                return result.Created
                    ? new AuditedResult<string>(result.TargetId, AuditOutcome.Succeeded, result.TargetId, "Created the customer.")
                    : new AuditedResult<string>(result.TargetId, AuditOutcome.Skipped, result.TargetId, "Matched an existing customer by display name.");
            },
            cancellationToken);
    }
}
