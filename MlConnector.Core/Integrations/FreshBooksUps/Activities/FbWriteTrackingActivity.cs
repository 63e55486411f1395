using MlConnector.Core.Workflows;

namespace MlConnector.Core.Integrations.FreshBooksUps.Activities;

/// <summary>Writes a new shipment's tracking numbers into its invoice (<see cref="FreshBooksTrackingWriter"/>).</summary>
/// <param name="writer">The tracking writer.</param>
[TargetWrite]
public sealed class FbWriteTrackingActivity(FreshBooksTrackingWriter writer) : IWorkflowActivity<FreshBooksInvoiceRef, FreshBooksTrackingWriteResult>
{
    /// <inheritdoc />
    public string Name => nameof(FbWriteTrackingActivity);

    /// <inheritdoc />
    public Task<FreshBooksTrackingWriteResult> RunAsync(WorkflowActivityContext context, FreshBooksInvoiceRef input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        return writer.WriteAsync(input.ConnectionId, input.InvoiceId, context.InstanceId, "shipped, label created", cancellationToken);
    }
}
