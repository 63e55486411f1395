using MlConnector.Core.Integrations.ShipStationQbo.Activities;
using MlConnector.Core.Workflows;

namespace MlConnector.Core.Integrations.ShipStationQbo.Workflows;

/// <summary>
/// "ShipStation order → QBO invoice": check the order and its mappings, find or create the customer, create the
/// invoice (product lines, a separate shipping line, tax as its own line). One instance per order number
/// (<see cref="ShipStationQboKeys.OrderInstance"/>); a failed order stays Failed with its reason and is replayed once
/// the cause is fixed; every step is idempotent, so a replay creates nothing twice.
/// </summary>
public sealed class ShipStationOrderToQboInvoiceWorkflow : IWorkflow<OrderSnapshotRef, OrderSyncResult>
{
    /// <summary>QBO steps retry transient failures, 429s and conflicts with backoff for about an hour.</summary>
    public static readonly WorkflowRetryPolicy QboRetry = WorkflowRetryPolicy.VendorOutage;

    /// <inheritdoc />
    public string Name => nameof(ShipStationOrderToQboInvoiceWorkflow);

    /// <inheritdoc />
    public async Task<OrderSyncResult> RunAsync(IWorkflowContext context, OrderSnapshotRef input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        context.SetCustomStatus(new { step = "check", orderNumber = input.OrderNumber });
        var check = await context.CallActivityAsync<OrderCheck>(nameof(QboCheckOrderActivity), input, QboRetry);
        if (check.SkipReason is not null)
        {
            context.SetCustomStatus(new { step = "skipped", orderNumber = input.OrderNumber, reason = check.SkipReason });
            return new OrderSyncResult(input.OrderNumber, null, null, false, check.SkipReason);
        }

        context.SetCustomStatus(new { step = "customer", orderNumber = input.OrderNumber });
        var customerId = await context.CallActivityAsync<string>(nameof(QboEnsureCustomerActivity), input, QboRetry);

        context.SetCustomStatus(new { step = "invoice", orderNumber = input.OrderNumber, customerId });
        var invoice = await context.CallActivityAsync<InvoiceResult>(nameof(QboCreateInvoiceActivity), new InvoiceRequest(input, customerId), QboRetry);

        context.SetCustomStatus(new { step = "done", orderNumber = input.OrderNumber, invoiceId = invoice.InvoiceId });
        return new OrderSyncResult(input.OrderNumber, customerId, invoice.InvoiceId, invoice.Created, null);
    }
}
