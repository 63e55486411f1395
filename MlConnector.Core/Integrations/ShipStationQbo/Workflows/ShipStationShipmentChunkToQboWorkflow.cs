using MlConnector.Core.Integrations.ShipStationQbo.Activities;
using MlConnector.Core.Workflows;

namespace MlConnector.Core.Integrations.ShipStationQbo.Workflows;

/// <summary>
/// "ShipStation shipments → QBO invoice updates, batched": applies a chunk of up to 100 shipments of one fetched page with
/// one invoice read and one batch of sparse updates per 30 invoices (<see cref="ShipStationQboShipmentBatchSync"/>). One
/// instance per chunk (<see cref="ShipStationQboKeys.ShipmentChunkInstance"/>), so a redelivered page is a duplicate. A
/// shipment whose update QBO refuses continues in its own <see cref="ShipStationShipmentToQboInvoiceWorkflow"/>; the rest of
/// the chunk commits. A whole chunk that cannot reach QBO retries like the per-order steps.
/// </summary>
/// <remarks>
/// Shipments that arrive with their orders (the same page, or pages a moment apart) find no invoice yet while the order
/// chunk creating it is in flight. They stay in the batch: the workflow waits on a durable timer
/// (<see cref="FirstInvoiceWait"/>, doubling) and applies them again as one smaller batch, for up to
/// <see cref="InvoiceWaitRounds"/> rounds (about 2.5 minutes); only the shipments still without an invoice after the last
/// round go to their own per-shipment workflow, which waits about two hours.
/// </remarks>
public sealed class ShipStationShipmentChunkToQboWorkflow : IWorkflow<ShipmentChunk, ShipmentChunkResult>
{
    /// <summary>Rounds of waiting for invoices in flight before a shipment is handed to its own workflow.</summary>
    public const int InvoiceWaitRounds = 5;

    /// <summary>The first wait for invoices in flight; each later round waits twice as long (5, 10, 20, 40, 80 s).</summary>
    public static readonly TimeSpan FirstInvoiceWait = TimeSpan.FromSeconds(5);

    /// <inheritdoc />
    public string Name => nameof(ShipStationShipmentChunkToQboWorkflow);

    /// <inheritdoc />
    public async Task<ShipmentChunkResult> RunAsync(IWorkflowContext context, ShipmentChunk input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        context.SetCustomStatus(new { step = "batch", shipments = input.Shipments.Count });
        var result = await context.CallActivityAsync<ShipmentChunkResult>(nameof(QboApplyShipmentChunkActivity), input with { WaitForInvoices = true }, ShipStationOrderToQboInvoiceWorkflow.QboRetry);
        var wait = FirstInvoiceWait;
        for (var round = 1; result.WaitingForInvoice is { Count: > 0 } waiting; round++)
        {
            context.SetCustomStatus(new { step = "waiting-for-invoices", shipments = input.Shipments.Count, applied = result.Applied, waiting = waiting.Count, round });
            await context.CreateTimer(context.CurrentUtcDateTime.Add(wait), CancellationToken.None);
            wait *= 2;
            var next = await context.CallActivityAsync<ShipmentChunkResult>(
                nameof(QboApplyShipmentChunkActivity),
                new ShipmentChunk(input.ConnectionId, waiting, WaitForInvoices: round < InvoiceWaitRounds),
                ShipStationOrderToQboInvoiceWorkflow.QboRetry);
            result = new ShipmentChunkResult(
                result.Shipments,
                result.Applied + next.Applied,
                result.AlreadyApplied + next.AlreadyApplied,
                result.Busy + next.Busy,
                [.. result.HandedOff, .. next.HandedOff],
                next.WaitingForInvoice);
        }

        context.SetCustomStatus(new { step = "done", shipments = result.Shipments, applied = result.Applied, handedOff = result.HandedOff.Count });
        return result;
    }
}
