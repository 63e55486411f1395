using MlConnector.Core.Integrations.ShipStationQbo.Activities;
using MlConnector.Core.Workflows;

namespace MlConnector.Core.Integrations.ShipStationQbo.Workflows;

/// <summary>
/// "ShipStation orders → QBO invoices, batched": invoices a chunk of up to 100 orders (one fetched page) through QBO's
/// batch endpoint (<see cref="ShipStationQboOrderBatchSync"/>). One instance per chunk
/// (<see cref="ShipStationQboKeys.OrderChunkInstance"/>), so a redelivered page is a duplicate. An order that fails in the
/// chunk continues in its own <see cref="ShipStationOrderToQboInvoiceWorkflow"/>, which fails visibly and is replayed; the
/// rest of the chunk commits. A whole chunk that cannot reach QBO retries like the per-order steps.
/// </summary>
public sealed class ShipStationOrderChunkToQboWorkflow : IWorkflow<OrderChunk, OrderChunkResult>
{
    /// <inheritdoc />
    public string Name => nameof(ShipStationOrderChunkToQboWorkflow);

    /// <inheritdoc />
    public async Task<OrderChunkResult> RunAsync(IWorkflowContext context, OrderChunk input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        context.SetCustomStatus(new { step = "batch", orders = input.Orders.Count });
        var result = await context.CallActivityAsync<OrderChunkResult>(nameof(QboSyncOrderChunkActivity), input, ShipStationOrderToQboInvoiceWorkflow.QboRetry);
        context.SetCustomStatus(new { step = "done", orders = result.Orders, created = result.Created, failed = result.FailedOrders.Count });
        return result;
    }
}
