using Azure.Data.Tables;
using MlConnector.Core.Audit;
using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.ShipStation;
using MlConnector.Core.Errors;
using MlConnector.Core.Storage;

namespace MlConnector.Core.Integrations.ShipStationQbo;

/// <summary>
/// The pages of a backfill (<see cref="Workflows.ShipStationQboBackfillWorkflow"/>): ShipStation orders modified since a
/// date, read 500 at a time (V1 List Orders, <c>modifyDateStart</c>, <c>pageSize=500</c>:
/// https://docs.shipstation.com/apis/shipstation-v1/openapi/orders/list_orders), each page sent through
/// <see cref="ShipStationDispatcher"/> (QBO batch chunks), and the progress written to the State table after every page.
/// </summary>
/// <remarks>
/// A page runs under the connection's reconciliation lease (<see cref="ShipStationQboReconciler.LeaseRowKey"/>), so a
/// backfill page and a reconciliation pass never overlap; a page that finds the lease held fails transiently and the
/// workflow retries it. A page already recorded as done is not read again. The connection's <c>shipstation.storeId</c>
/// scopes the listing as it scopes reconciliation.
/// </remarks>
/// <param name="shipStation">The ShipStation client.</param>
/// <param name="connections">The connection store.</param>
/// <param name="dispatcher">The dispatcher.</param>
/// <param name="tables">The table provider (State table).</param>
/// <param name="audit">The audit trail.</param>
/// <param name="timeProvider">The clock.</param>
public sealed class ShipStationQboBackfill(
    IShipStationClient shipStation,
    IConnectionStore connections,
    ShipStationDispatcher dispatcher,
    TableProvider tables,
    IAuditTrail audit,
    TimeProvider timeProvider)
{
    /// <summary>The State-table row key of a connection's backfill progress.</summary>
    public const string ProgressRowKey = "shipstation-qbo|backfill";

    /// <summary>The audit operation of a backfill page.</summary>
    public const string BackfillOperation = "shipstation-qbo.backfill";

    private readonly string _owner = ConnectionLease.NewOwner("backfill");

    /// <summary>
    /// Where the backfill stands: the stored progress when it belongs to this backfill (same start time and page size),
    /// otherwise nothing done yet.
    /// </summary>
    /// <param name="input">The backfill.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The progress.</returns>
    public async Task<BackfillProgress> ReadProgressAsync(BackfillInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var stored = await ReadAsync(input.ConnectionId, cancellationToken);
        return stored is not null && stored.SinceUtc == input.SinceUtc && stored.PageSize == input.PageSize
            ? stored
            : new BackfillProgress(input.ConnectionId, input.SinceUtc, input.PageSize, 0, 1, 0, 0, 0, 0, false, timeProvider.GetUtcNow());
    }

    /// <summary>The connection's last recorded backfill progress.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The progress, or null when the connection was never backfilled.</returns>
    public async Task<BackfillProgress?> ReadAsync(string connectionId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionId);
        var table = await tables.GetTableAsync(tables.Names.State, cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(TableKeys.Escape(connectionId), ProgressRowKey, cancellationToken: cancellationToken);
        if (!row.HasValue)
        {
            return null;
        }

        var e = row.Value!;
        return new BackfillProgress(
            connectionId,
            e.GetDateTimeOffset("SinceUtc") ?? DateTimeOffset.MinValue,
            e.GetInt32("PageSize") ?? 0,
            e.GetInt32("PagesDone") ?? 0,
            e.GetInt32("Pages") ?? 0,
            e.GetInt32("Orders") ?? 0,
            e.GetInt32("Started") ?? 0,
            e.GetInt32("Duplicates") ?? 0,
            e.GetInt32("Skipped") ?? 0,
            e.GetBoolean("Completed") ?? false,
            e.GetDateTimeOffset("UpdatedUtc") ?? DateTimeOffset.MinValue);
    }

    /// <summary>Reads one page of orders, dispatches it and records the progress, unless the page is recorded as done.</summary>
    /// <param name="input">The backfill and its 1-based page.</param>
    /// <param name="cancellationToken">Cancels the page; the progress then stays where it was.</param>
    /// <returns>The progress after the page.</returns>
    /// <exception cref="ArgumentOutOfRangeException">When the page is not positive or the page size is not 1 to 500.</exception>
    /// <exception cref="ConnectorException">Transient when a reconciliation pass or another page holds the connection's lease.</exception>
    public async Task<BackfillProgress> RunPageAsync(BackfillInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(input.Page);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(input.PageSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(input.PageSize, ShipStationOrderQuery.MaxPageSize);
        var connectionId = input.ConnectionId;
        var lease = await ConnectionLease.TryAcquireAsync(tables, connectionId, ShipStationQboReconciler.LeaseRowKey, _owner, timeProvider.GetUtcNow(), ShipStationQboReconciler.LeaseDuration, cancellationToken)
            ?? throw new ConnectorException(IntegrationKinds.ShipStationQbo, ErrorKind.Transient, $"A reconciliation pass or another backfill page of connection {connectionId} is running; backfill page {input.Page} waits for it.");
        try
        {
            var progress = await ReadProgressAsync(input, cancellationToken);
            if (progress.PagesDone >= input.Page)
            {
                return progress;
            }

            var connection = await connections.GetAsync(connectionId, cancellationToken)
                ?? throw new ConnectorValidationException(IntegrationKinds.ShipStationQbo, $"Connection '{connectionId}' no longer exists.", field: "connectionId");
            var page = await shipStation.ListOrdersAsync(connectionId, new ShipStationOrderQuery(input.SinceUtc, ShipStationQboNames.StoreIdOf(connection), input.Page, input.PageSize), cancellationToken);
            var dispatched = await dispatcher.DispatchOrdersAsync(connectionId, page.Items, cancellationToken);
            var next = progress with
            {
                PagesDone = input.Page,
                Pages = page.Pages,
                Orders = progress.Orders + page.Items.Count,
                Started = progress.Started + dispatched.Started,
                Duplicates = progress.Duplicates + dispatched.Duplicates,
                Skipped = progress.Skipped + dispatched.Skipped,
                Completed = input.Page >= page.Pages,
                UpdatedUtc = timeProvider.GetUtcNow(),
            };
            await SaveAsync(next, cancellationToken);
            await audit.WriteAsync(
                new AuditRecord(connectionId, BackfillOperation, AuditOutcome.Succeeded)
                {
                    Detail = $"Backfill since {input.SinceUtc:o}: page {input.Page} of {page.Pages}, {page.Items.Count} orders ({dispatched.Started} started, {dispatched.Duplicates} already on their way or invoiced, {dispatched.Skipped} cancelled).",
                },
                cancellationToken);
            return next;
        }
        finally
        {
            await lease.ReleaseAsync(tables, CancellationToken.None);
        }
    }

    private async Task SaveAsync(BackfillProgress progress, CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(tables.Names.State, cancellationToken);
        var entity = new TableEntity(TableKeys.Escape(progress.ConnectionId), ProgressRowKey)
        {
            ["SinceUtc"] = progress.SinceUtc,
            ["PageSize"] = progress.PageSize,
            ["PagesDone"] = progress.PagesDone,
            ["Pages"] = progress.Pages,
            ["Orders"] = progress.Orders,
            ["Started"] = progress.Started,
            ["Duplicates"] = progress.Duplicates,
            ["Skipped"] = progress.Skipped,
            ["Completed"] = progress.Completed,
            ["UpdatedUtc"] = progress.UpdatedUtc,
        };

        // Pages of one connection run one at a time under its lease, so the last write is the truth.
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }
}
