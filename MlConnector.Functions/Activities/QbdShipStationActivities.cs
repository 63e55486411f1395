using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using MlConnector.Core.Integrations.QbdShipStation.Activities;
using MlConnector.Core.Workflows.Engines;
using MlConnector.Functions.Workflows;

namespace MlConnector.Functions.Activities;

/// <summary>
/// The QuickBooks Desktop ↔ ShipStation integration's activity functions, one per Core activity and named after it. Each
/// runs one attempt through <see cref="WorkflowActivityInvoker"/>. Never rename one: in-flight instances call them by name.
/// </summary>
/// <param name="runner">Runs one attempt of a Core activity.</param>
/// <param name="services">Builds <see cref="QbdShipStationFetchNotificationActivity"/> over the invocation's Durable client, because it starts workflows.</param>
/// <param name="queueLists">Core's <see cref="QbdQueueListQueriesActivity"/>.</param>
/// <param name="checkOrders">Core's <see cref="QbdCheckOrdersActivity"/>.</param>
/// <param name="readOrder">Core's <see cref="QbdReadOrderActivity"/>.</param>
/// <param name="queueQuery">Core's <see cref="QbdQueueTxnQueryActivity"/>.</param>
/// <param name="readAnswer">Core's <see cref="QbdReadTxnAnswerActivity"/>.</param>
/// <param name="queueAdd">Core's <see cref="QbdQueueTxnAddActivity"/>.</param>
/// <param name="queueMod">Core's <see cref="QbdQueueInvoiceModActivity"/>.</param>
/// <param name="queueCorrection">Core's <see cref="QbdQueueOrderCorrectionActivity"/>.</param>
/// <param name="queueVoid">Core's <see cref="QbdQueueTxnVoidActivity"/>.</param>
/// <param name="recordPosting">Core's <see cref="QbdRecordPostingActivity"/>.</param>
/// <param name="queueInventory">Core's <see cref="QbdQueueInventoryQueryActivity"/>.</param>
/// <param name="reconcileInventory">Core's <see cref="QbdReconcileInventoryActivity"/>.</param>
public sealed class QbdShipStationActivities(
    WorkflowActivityInvoker runner,
    DurableClientServices services,
    QbdQueueListQueriesActivity queueLists,
    QbdCheckOrdersActivity checkOrders,
    QbdReadOrderActivity readOrder,
    QbdQueueTxnQueryActivity queueQuery,
    QbdReadTxnAnswerActivity readAnswer,
    QbdQueueTxnAddActivity queueAdd,
    QbdQueueInvoiceModActivity queueMod,
    QbdQueueOrderCorrectionActivity queueCorrection,
    QbdQueueTxnVoidActivity queueVoid,
    QbdRecordPostingActivity recordPosting,
    QbdQueueInventoryQueryActivity queueInventory,
    QbdReconcileInventoryActivity reconcileInventory)
{
    /// <summary>Fetches a notification's resource and starts the batch check and shipment orchestrations through <paramref name="durableClient"/>.</summary>
    [Function(nameof(QbdShipStationFetchNotificationActivity))]
    public Task<WorkflowActivityResult> QbdShipStationFetchNotificationAsync(
        [ActivityTrigger] WorkflowActivityRequest request,
        [DurableClient] DurableTaskClient durableClient,
        CancellationToken cancellationToken)
        => runner.RunAsync(services.Resolve<QbdShipStationFetchNotificationActivity>(durableClient), request, cancellationToken);

    [Function(nameof(QbdQueueListQueriesActivity))]
    public Task<WorkflowActivityResult> QbdQueueListQueriesAsync([ActivityTrigger] WorkflowActivityRequest request, CancellationToken cancellationToken)
        => runner.RunAsync(queueLists, request, cancellationToken);

    [Function(nameof(QbdCheckOrdersActivity))]
    public Task<WorkflowActivityResult> QbdCheckOrdersAsync([ActivityTrigger] WorkflowActivityRequest request, CancellationToken cancellationToken)
        => runner.RunAsync(checkOrders, request, cancellationToken);

    [Function(nameof(QbdReadOrderActivity))]
    public Task<WorkflowActivityResult> QbdReadOrderAsync([ActivityTrigger] WorkflowActivityRequest request, CancellationToken cancellationToken)
        => runner.RunAsync(readOrder, request, cancellationToken);

    [Function(nameof(QbdQueueTxnQueryActivity))]
    public Task<WorkflowActivityResult> QbdQueueTxnQueryAsync([ActivityTrigger] WorkflowActivityRequest request, CancellationToken cancellationToken)
        => runner.RunAsync(queueQuery, request, cancellationToken);

    [Function(nameof(QbdReadTxnAnswerActivity))]
    public Task<WorkflowActivityResult> QbdReadTxnAnswerAsync([ActivityTrigger] WorkflowActivityRequest request, CancellationToken cancellationToken)
        => runner.RunAsync(readAnswer, request, cancellationToken);

    [Function(nameof(QbdQueueTxnAddActivity))]
    public Task<WorkflowActivityResult> QbdQueueTxnAddAsync([ActivityTrigger] WorkflowActivityRequest request, CancellationToken cancellationToken)
        => runner.RunAsync(queueAdd, request, cancellationToken);

    [Function(nameof(QbdQueueInvoiceModActivity))]
    public Task<WorkflowActivityResult> QbdQueueInvoiceModAsync([ActivityTrigger] WorkflowActivityRequest request, CancellationToken cancellationToken)
        => runner.RunAsync(queueMod, request, cancellationToken);

    [Function(nameof(QbdQueueOrderCorrectionActivity))]
    public Task<WorkflowActivityResult> QbdQueueOrderCorrectionAsync([ActivityTrigger] WorkflowActivityRequest request, CancellationToken cancellationToken)
        => runner.RunAsync(queueCorrection, request, cancellationToken);

    [Function(nameof(QbdQueueTxnVoidActivity))]
    public Task<WorkflowActivityResult> QbdQueueTxnVoidAsync([ActivityTrigger] WorkflowActivityRequest request, CancellationToken cancellationToken)
        => runner.RunAsync(queueVoid, request, cancellationToken);

    [Function(nameof(QbdRecordPostingActivity))]
    public Task<WorkflowActivityResult> QbdRecordPostingAsync([ActivityTrigger] WorkflowActivityRequest request, CancellationToken cancellationToken)
        => runner.RunAsync(recordPosting, request, cancellationToken);

    [Function(nameof(QbdQueueInventoryQueryActivity))]
    public Task<WorkflowActivityResult> QbdQueueInventoryQueryAsync([ActivityTrigger] WorkflowActivityRequest request, CancellationToken cancellationToken)
        => runner.RunAsync(queueInventory, request, cancellationToken);

    [Function(nameof(QbdReconcileInventoryActivity))]
    public Task<WorkflowActivityResult> QbdReconcileInventoryAsync([ActivityTrigger] WorkflowActivityRequest request, CancellationToken cancellationToken)
        => runner.RunAsync(reconcileInventory, request, cancellationToken);
}
