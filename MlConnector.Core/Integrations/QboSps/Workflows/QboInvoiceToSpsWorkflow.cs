using MlConnector.Core.Integrations.QboSps.Activities;
using MlConnector.Core.Workflows;

namespace MlConnector.Core.Integrations.QboSps.Workflows;

/// <summary>
/// "QBO invoice → SPS 810": one activity that reads the invoice, builds and validates the 810 and uploads it once. One
/// instance per connection and invoice (<see cref="QboSpsChangeHandler.InvoiceInstance"/>), so a redelivered webhook or
/// the same change found by CDC starts nothing twice.
/// </summary>
public sealed class QboInvoiceToSpsWorkflow : IWorkflow<QboInvoiceRef, SpsInvoiceSendResult>
{
    /// <inheritdoc />
    public string Name => nameof(QboInvoiceToSpsWorkflow);

    /// <inheritdoc />
    public async Task<SpsInvoiceSendResult> RunAsync(IWorkflowContext context, QboInvoiceRef input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        context.SetCustomStatus(new { step = "send", invoiceId = input.InvoiceId });
        var result = await context.CallActivityAsync<SpsInvoiceSendResult>(nameof(SpsSendInvoiceActivity), input, WorkflowRetryPolicy.VendorOutage);
        context.SetCustomStatus(new { step = "done", invoiceId = input.InvoiceId, path = result.Path, uploaded = result.Uploaded });
        return result;
    }
}
