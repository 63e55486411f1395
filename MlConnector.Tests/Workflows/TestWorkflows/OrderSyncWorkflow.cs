using MlConnector.Core.Workflows;

namespace MlConnector.Tests.Workflows.TestWorkflows;

/// <summary>Two steps: create the invoice (idempotent side effect), then ship with a retry policy.</summary>
public sealed class OrderSyncWorkflow : IWorkflow<OrderInput, OrderOutput>
{
    public string Name => nameof(OrderSyncWorkflow);

    public async Task<OrderOutput> RunAsync(IWorkflowContext context, OrderInput input)
    {
        var invoiceId = await context.CallActivityAsync<string>(nameof(CreateInvoiceActivity), input);
        context.SetCustomStatus(new ApprovalStatus("invoiced"));
        var retry = new WorkflowRetryPolicy(input.MaxAttempts, TimeSpan.FromSeconds(input.RetrySeconds), 2.0, TimeSpan.FromMinutes(1));
        var tracking = await context.CallActivityAsync<string>(nameof(ShipOrderActivity), input, retry);
        context.SetCustomStatus(new ApprovalStatus("shipped"));
        return new OrderOutput(invoiceId, tracking);
    }
}
