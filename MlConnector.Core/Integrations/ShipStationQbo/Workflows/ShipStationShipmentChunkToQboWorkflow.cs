using MlConnector.Core.Integrations.ShipStationQbo.Activities;
using MlConnector.Core.Workflows;

namespace MlConnector.Core.Integrations.ShipStationQbo.Workflows;

/// <summary>
/// "ShipStation shipments → QBO invoice updates, batched": applies a chunk of up to 100 shipments of one fetched page with
/// one invoice read and one batch of sparse updates per 30 invoices (<see cref="ShipStationQboShipmentBatchSync"/>). One
/// instance per chunk (<see cref="ShipStationQboKeys.ShipmentChunkInstance"/>), so a redelivered page is a duplicate. A
/// shipment whose invoice is not there yet, or whose update QBO refuses, continues in its own
/// <see cref="ShipStationShipmentToQboInvoiceWorkflow"/>; the rest of the chunk commits. A whole chunk that cannot reach QBO
/// retries like the per-order steps.
/// </summary>
public sealed class ShipStationShipmentChunkToQboWorkflow : IWorkflow<ShipmentChunk, ShipmentChunkResult>
{
    /// <inheritdoc />
    public string Name => nameof(ShipStationShipmentChunkToQboWorkflow);

    /// <inheritdoc />
    public async Task<ShipmentChunkResult> RunAsync(IWorkflowContext context, ShipmentChunk input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        context.SetCustomStatus(new { step = "batch", shipments = input.Shipments.Count });
        var result = await context.CallActivityAsync<ShipmentChunkResult>(nameof(QboApplyShipmentChunkActivity), input, ShipStationOrderToQboInvoiceWorkflow.QboRetry);
        context.SetCustomStatus(new { step = "done", shipments = result.Shipments, applied = result.Applied, handedOff = result.HandedOff.Count });
        return result;
    }
}
