using MlConnector.Core.Workflows;

namespace MlConnector.Tests.Workflows.TestWorkflows;

/// <summary>Stands in for a write to a target system (a QBO invoice): counts its attempts on the probe.</summary>
[TargetWrite]
public sealed class PostInvoiceActivity(WorkflowProbe probe) : IWorkflowActivity<OrderInput, string>
{
    public string Name => nameof(PostInvoiceActivity);

    public Task<string> RunAsync(WorkflowActivityContext context, OrderInput input, CancellationToken cancellationToken = default)
    {
        probe.OnShipAttempt();
        return Task.FromResult("INV-" + input.OrderNumber);
    }
}
