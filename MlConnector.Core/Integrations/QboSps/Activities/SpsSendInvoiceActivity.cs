using MlConnector.Core.Workflows;

namespace MlConnector.Core.Integrations.QboSps.Activities;

/// <summary>Sends a linked QBO invoice to its trading partner as an RSX 810, exactly once (<see cref="SpsInvoiceSender.SendAsync"/>).</summary>
/// <param name="sender">The sender.</param>
[TargetWrite]
public sealed class SpsSendInvoiceActivity(SpsInvoiceSender sender) : IWorkflowActivity<QboInvoiceRef, SpsInvoiceSendResult>
{
    /// <inheritdoc />
    public string Name => nameof(SpsSendInvoiceActivity);

    /// <inheritdoc />
    public Task<SpsInvoiceSendResult> RunAsync(WorkflowActivityContext context, QboInvoiceRef input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        return sender.SendAsync(input, context.InstanceId, cancellationToken: cancellationToken);
    }
}
