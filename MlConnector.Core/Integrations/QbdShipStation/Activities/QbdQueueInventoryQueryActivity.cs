using MlConnector.Core.Connectors.QuickBooksDesktop;
using MlConnector.Core.Connectors.QuickBooksDesktop.WebConnector;
using MlConnector.Core.Workflows;

namespace MlConnector.Core.Integrations.QbdShipStation.Activities;

/// <summary>Queues an ItemInventoryQuery over every inventory item, paged with an iterator (<c>QuantityOnHand</c> per item).</summary>
/// <param name="outbox">The outbox.</param>
public sealed class QbdQueueInventoryQueryActivity(QuickBooksDesktopOutbox outbox) : IWorkflowActivity<QbdInventoryRequest, bool>
{
    /// <inheritdoc />
    public string Name => nameof(QbdQueueInventoryQueryActivity);

    /// <inheritdoc />
    public async Task<bool> RunAsync(WorkflowActivityContext context, QbdInventoryRequest input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var request = QbXmlRequests.ItemInventoryQuery(input.RequestId!, new QbXmlListQuery { MaxReturned = QbXmlRequests.DefaultMaxReturned, Iterator = "Start" });
        await outbox.EnqueueAsync(input.ConnectionId, request, context.InstanceId, cancellationToken);
        return true;
    }
}
