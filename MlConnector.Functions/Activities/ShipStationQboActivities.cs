using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using MlConnector.Core.Integrations.ShipStationQbo.Activities;
using MlConnector.Core.Workflows.Engines;
using MlConnector.Functions.Workflows;

namespace MlConnector.Functions.Activities;

/// <summary>
/// The ShipStation → QBO integration's activity functions, one per Core activity and named after it. Each runs one
/// attempt through <see cref="WorkflowActivityInvoker"/>, which returns the output or the classified failure the
/// workflow's retry policy decides on. Never rename one: in-flight instances call them by name.
/// </summary>
/// <param name="runner">Runs one attempt of a Core activity.</param>
/// <param name="services">Builds <see cref="ShipStationFetchNotificationActivity"/>, <see cref="QboSyncOrderChunkActivity"/>, <see cref="QboApplyShipmentChunkActivity"/> and <see cref="ShipStationBackfillPageActivity"/> over the invocation's Durable client, because they start workflows.</param>
/// <param name="checkOrder">Core's order check.</param>
/// <param name="ensureCustomer">Core's find-or-create of the QBO customer.</param>
/// <param name="createInvoice">Core's exactly-once QBO invoice create.</param>
/// <param name="applyShipment">Core's shipment write-back onto the QBO invoice.</param>
public sealed class ShipStationQboActivities(
    WorkflowActivityInvoker runner,
    DurableClientServices services,
    QboCheckOrderActivity checkOrder,
    QboEnsureCustomerActivity ensureCustomer,
    QboCreateInvoiceActivity createInvoice,
    QboApplyShipmentActivity applyShipment)
{
    /// <summary>Fetches a notification's resource and starts the order and shipment orchestrations through <paramref name="durableClient"/>.</summary>
    [Function(nameof(ShipStationFetchNotificationActivity))]
    public Task<WorkflowActivityResult> ShipStationFetchNotificationAsync(
        [ActivityTrigger] WorkflowActivityRequest request,
        [DurableClient] DurableTaskClient durableClient,
        CancellationToken cancellationToken)
        => runner.RunAsync(services.Resolve<ShipStationFetchNotificationActivity>(durableClient), request, cancellationToken);

    /// <summary>Invoices a chunk of orders through QBO's batch endpoint; starts the per-order orchestration of a failed order through <paramref name="durableClient"/>.</summary>
    [Function(nameof(QboSyncOrderChunkActivity))]
    public Task<WorkflowActivityResult> QboSyncOrderChunkAsync(
        [ActivityTrigger] WorkflowActivityRequest request,
        [DurableClient] DurableTaskClient durableClient,
        CancellationToken cancellationToken)
        => runner.RunAsync(services.Resolve<QboSyncOrderChunkActivity>(durableClient), request, cancellationToken);

    /// <summary>Applies a chunk of shipments to their QBO invoices in batches; starts the per-shipment orchestration of a shipment handed off through <paramref name="durableClient"/>.</summary>
    [Function(nameof(QboApplyShipmentChunkActivity))]
    public Task<WorkflowActivityResult> QboApplyShipmentChunkAsync(
        [ActivityTrigger] WorkflowActivityRequest request,
        [DurableClient] DurableTaskClient durableClient,
        CancellationToken cancellationToken)
        => runner.RunAsync(services.Resolve<QboApplyShipmentChunkActivity>(durableClient), request, cancellationToken);

    /// <summary>One page of a backfill; it starts chunk and order orchestrations through <paramref name="durableClient"/>.</summary>
    [Function(nameof(ShipStationBackfillPageActivity))]
    public Task<WorkflowActivityResult> ShipStationBackfillPageAsync(
        [ActivityTrigger] WorkflowActivityRequest request,
        [DurableClient] DurableTaskClient durableClient,
        CancellationToken cancellationToken)
        => runner.RunAsync(services.Resolve<ShipStationBackfillPageActivity>(durableClient), request, cancellationToken);

    [Function(nameof(QboCheckOrderActivity))]
    public Task<WorkflowActivityResult> QboCheckOrderAsync([ActivityTrigger] WorkflowActivityRequest request, CancellationToken cancellationToken)
        => runner.RunAsync(checkOrder, request, cancellationToken);

    [Function(nameof(QboEnsureCustomerActivity))]
    public Task<WorkflowActivityResult> QboEnsureCustomerAsync([ActivityTrigger] WorkflowActivityRequest request, CancellationToken cancellationToken)
        => runner.RunAsync(ensureCustomer, request, cancellationToken);

    [Function(nameof(QboCreateInvoiceActivity))]
    public Task<WorkflowActivityResult> QboCreateInvoiceAsync([ActivityTrigger] WorkflowActivityRequest request, CancellationToken cancellationToken)
        => runner.RunAsync(createInvoice, request, cancellationToken);

    [Function(nameof(QboApplyShipmentActivity))]
    public Task<WorkflowActivityResult> QboApplyShipmentAsync([ActivityTrigger] WorkflowActivityRequest request, CancellationToken cancellationToken)
        => runner.RunAsync(applyShipment, request, cancellationToken);
}
