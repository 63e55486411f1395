using MlConnector.Core.Integrations.QboSps.Activities;
using MlConnector.Core.Workflows;

namespace MlConnector.Core.Integrations.QboSps.Workflows;

/// <summary>
/// "SPS 850 → QBO purchase order": import the document (exactly once), then acknowledge it at SPS. The acknowledgement
/// runs only after the import activity returned, i.e. after the QBO write is recorded in the ledger; a quarantined or
/// unmapped document fails the instance (visible in the failure queue, replayable) and is not acknowledged. One instance
/// per connection and SPS path (<see cref="QboSpsNames.OrderInstanceKind"/>).
/// </summary>
public sealed class SpsOrderToQboWorkflow : IWorkflow<SpsDocumentRef, SpsOrderImportResult>
{
    /// <inheritdoc />
    public string Name => nameof(SpsOrderToQboWorkflow);

    /// <inheritdoc />
    public async Task<SpsOrderImportResult> RunAsync(IWorkflowContext context, SpsDocumentRef input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        context.SetCustomStatus(new { step = "import", path = input.Path });
        var result = await context.CallActivityAsync<SpsOrderImportResult>(nameof(SpsImportOrderActivity), input, WorkflowRetryPolicy.VendorOutage);
        context.SetCustomStatus(new { step = "acknowledge", path = input.Path, outcome = result.Outcome.ToString(), qboId = result.QboPurchaseOrderId });
        await context.CallActivityAsync<bool>(nameof(SpsAcknowledgeDocumentActivity), input, WorkflowRetryPolicy.VendorOutage);
        context.SetCustomStatus(new { step = "done", path = input.Path, outcome = result.Outcome.ToString(), qboId = result.QboPurchaseOrderId });
        return result;
    }
}
