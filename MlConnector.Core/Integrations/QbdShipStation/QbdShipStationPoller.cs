using Azure;
using MlConnector.Core.Audit;
using MlConnector.Core.Connectors.ShipStation;
using MlConnector.Core.Storage;

namespace MlConnector.Core.Integrations.QbdShipStation;

/// <summary>
/// The safety net under the webhooks: lists the connection's ShipStation orders modified since its watermark (V1
/// <c>GET /orders?modifyDateStart=…</c>, pages of <see cref="ShipStationOrderQuery.MaxPageSize"/> through the 40 requests/min
/// governor) and hands them to the same <see cref="QbdShipStationDispatcher"/> as the webhooks, so anything a webhook
/// missed is checked and posted, and anything already started is a duplicate. The watermark (State table,
/// <see cref="WatermarkName"/>) moves to the newest <c>modifyDate</c> seen, read again with a <see cref="Overlap"/>.
/// </summary>
/// <param name="shipStation">The ShipStation client.</param>
/// <param name="dispatcher">Starts the workflows.</param>
/// <param name="tables">The table provider (watermarks).</param>
/// <param name="audit">The audit trail.</param>
/// <param name="timeProvider">The clock.</param>
public sealed class QbdShipStationPoller(IShipStationClient shipStation, QbdShipStationDispatcher dispatcher, TableProvider tables, IAuditTrail audit, TimeProvider timeProvider)
{
    /// <summary>The State-table row of the order watermark.</summary>
    public const string WatermarkName = "qbd-shipstation|orders-watermark";

    /// <summary>How far back the first pass reads: 7 days.</summary>
    public static readonly TimeSpan FirstPassLookback = TimeSpan.FromDays(7);

    /// <summary>Each pass re-reads this much before the watermark (orders modified while the last pass ran): 5 minutes.</summary>
    public static readonly TimeSpan Overlap = TimeSpan.FromMinutes(5);

    /// <summary>Runs one pass for a connection.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="cancellationToken">Cancels the pass.</param>
    /// <returns>What it found and started.</returns>
    public async Task<QbdDispatchResult> PollAsync(string connectionId, CancellationToken cancellationToken = default)
    {
        var now = timeProvider.GetUtcNow();
        var watermark = await ConnectionWatermark.ReadAsync(tables, connectionId, WatermarkName, cancellationToken);
        var since = watermark.WatermarkUtc is { } last ? last - Overlap : now - FirstPassLookback;
        var result = new QbdDispatchResult(0, 0, 0, 0);
        var newest = watermark.WatermarkUtc ?? since;
        for (var page = 1; ; page++)
        {
            var orders = await shipStation.ListOrdersAsync(connectionId, new ShipStationOrderQuery(since, Page: page, PageSize: ShipStationOrderQuery.MaxPageSize), cancellationToken);
            result = result.Add(await dispatcher.DispatchOrdersAsync(connectionId, orders.Items, cancellationToken));
            foreach (var order in orders.Items.Where(o => o.ModifyDateUtc > newest))
            {
                newest = order.ModifyDateUtc;
            }

            if (page >= orders.Pages)
            {
                break;
            }
        }

        try
        {
            await watermark.SaveAsync(tables, newest, now, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            // Another pass moved it first; it read at least as far.
        }

        await audit.WriteAsync(new AuditRecord(connectionId, QbdShipStationNames.PollOperation, AuditOutcome.Succeeded) { Detail = $"{result.Found} order(s) modified since {since:yyyy-MM-dd HH:mm} UTC; {result.Started} started, {result.Duplicates} already started, {result.Skipped} skipped." }, cancellationToken);
        return result;
    }
}
