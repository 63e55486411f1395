using MlConnector.Core.Workflows;

namespace MlConnector.Tests.Workflows.TestWorkflows;

/// <summary>An edited <see cref="OrderSyncWorkflow"/> deployed under the same name: its steps are in another order.</summary>
public sealed class ReorderedOrderSyncWorkflow : IWorkflow<OrderInput, OrderOutput>
{
    public string Name => nameof(OrderSyncWorkflow);

    public async Task<OrderOutput> RunAsync(IWorkflowContext context, OrderInput input)
    {
        var tracking = await context.CallActivityAsync<string>(nameof(ShipOrderActivity), input);
        var invoiceId = await context.CallActivityAsync<string>(nameof(CreateInvoiceActivity), input);
        return new OrderOutput(invoiceId, tracking);
    }
}
