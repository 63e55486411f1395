using MlConnector.Core.Workflows;

namespace MlConnector.Core.Integrations.QboSps.Activities;

/// <summary>Sends a shipped, linked QBO invoice's ship notice to its trading partner as an RSX 856, exactly once (<see cref="SpsShipNoticeSender.SendAsync"/>).</summary>
/// <param name="sender">The sender.</param>
[TargetWrite]
public sealed class SpsSendShipNoticeActivity(SpsShipNoticeSender sender) : IWorkflowActivity<QboInvoiceRef, SpsShipNoticeSendResult>
{
    /// <inheritdoc />
    public string Name => nameof(SpsSendShipNoticeActivity);

    /// <inheritdoc />
    public Task<SpsShipNoticeSendResult> RunAsync(WorkflowActivityContext context, QboInvoiceRef input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        return sender.SendAsync(input, context.InstanceId, cancellationToken: cancellationToken);
    }
}
