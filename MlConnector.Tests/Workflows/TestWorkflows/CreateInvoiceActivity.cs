using MlConnector.Core.Idempotency;
using MlConnector.Core.Workflows;

namespace MlConnector.Tests.Workflows.TestWorkflows;

/// <summary>Stands in for "create the QBO invoice": its side effect happens once per order, guarded by the real ledger.</summary>
public sealed class CreateInvoiceActivity(IIdempotencyLedger ledger, WorkflowProbe probe) : IWorkflowActivity<OrderInput, string>
{
    public string Name => nameof(CreateInvoiceActivity);

    public async Task<string> RunAsync(WorkflowActivityContext context, OrderInput input, CancellationToken cancellationToken = default)
    {
        probe.OnInvoiceCall();
        var key = new LedgerKey(input.ConnectionId, "shipstation", input.OrderNumber, "qbo.invoice.create");
        var result = await ledger.ExecuteOnceAsync(
            key,
            _ => Task.FromResult<string?>(null),
            _ =>
            {
                probe.OnInvoiceCreated();
                return Task.FromResult("INV-" + input.OrderNumber);
            },
            cancellationToken);
        return result.TargetId;
    }
}
