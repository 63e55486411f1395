using Azure;
using Azure.Data.Tables;
using MlConnector.Core.Storage;

namespace MlConnector.Core.Workflows;

/// <summary>
/// Work held while a connection is paused, in the <see cref="StorageNames.HeldWork"/> table: partition = connection,
/// one queue row per held item keyed by arrival time (so a partition scan returns them in order) and one marker row per
/// instance, written in the same entity-group transaction, so the same start held twice (a redelivered webhook) is
/// recorded once.
/// <para>
/// One more row per partition, <c>h</c> ("holding"), is written (insert or replace) in every hold's transaction and deleted
/// only once the queue is seen empty after the row was read (<see cref="ClearHoldingAsync"/>, with the ETag read), so
/// whenever a queue row exists, so does the holding row. <see cref="IsHoldingAsync"/> is therefore a point read that never
/// answers false while work is held; the queue itself is only range-queried when there is something to release (a query
/// scans the whole table in Azurite, docs/performance.md).
/// </para>
/// </summary>
/// <param name="tables">The table provider.</param>
/// <param name="timeProvider">The clock (arrival order).</param>
public sealed class HeldWorkStore(TableProvider tables, TimeProvider timeProvider)
{
    private const string QueuePrefix = "q|";
    private const string QueueEnd = "q}";
    private const string MarkerPrefix = "m|";
    private const string HoldingRow = "h";

    /// <summary>Holds a piece of work at the end of its connection's queue.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="kind">Start or replay.</param>
    /// <param name="instanceId">The instance to start or replay.</param>
    /// <param name="orchestratorName">For a start: the orchestrator.</param>
    /// <param name="envelopeJson">For a start: the engine envelope (at most <see cref="WorkflowLimits.MaxPayloadChars"/> characters of input).</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>True when held now; false when the same work was already held.</returns>
    /// <exception cref="RequestFailedException">When storage refuses the write.</exception>
    public async Task<bool> HoldAsync(string connectionId, HeldWorkKind kind, string instanceId, string? orchestratorName, string? envelopeJson, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionId);
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        var table = await tables.GetTableAsync(tables.Names.HeldWork, cancellationToken);
        var partition = TableKeys.Escape(connectionId);
        var now = timeProvider.GetUtcNow();
        var marker = MarkerPrefix + kind + TableKeys.Separator + TableKeys.Escape(instanceId);
        var row = new TableEntity(partition, QueuePrefix + now.UtcTicks.ToString("D19", CultureInfo.InvariantCulture) + TableKeys.Separator + Guid.NewGuid().ToString("N"))
        {
            ["Kind"] = kind.ToString(),
            ["InstanceId"] = instanceId,
            ["Orchestrator"] = orchestratorName,
            ["Envelope"] = envelopeJson,
            ["HeldUtc"] = now,
            ["Marker"] = marker,
        };
        try
        {
            await table.SubmitTransactionAsync(
                [
                    new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(partition, marker)),
                    new TableTransactionAction(TableTransactionActionType.Add, row),
                    new TableTransactionAction(TableTransactionActionType.UpsertReplace, HoldingEntity(partition, now)),
                ],
                cancellationToken);
            return true;
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    /// <summary>Reads the oldest held work of a connection, in arrival order.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="max">The most items returned.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The items, oldest first.</returns>
    public async Task<IReadOnlyList<HeldWork>> ListAsync(string connectionId, int max = 100, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionId);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        var table = await tables.GetTableAsync(tables.Names.HeldWork, cancellationToken);
        var partition = TableKeys.Escape(connectionId);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {QueuePrefix} and RowKey lt {QueueEnd}");
        var found = new List<HeldWork>();
        await foreach (var e in table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(max, 1000), cancellationToken: cancellationToken))
        {
            found.Add(new HeldWork(
                connectionId,
                Enum.Parse<HeldWorkKind>(e.GetString("Kind")),
                e.GetString("InstanceId"),
                e.GetString("Orchestrator"),
                e.GetString("Envelope"),
                e.GetDateTimeOffset("HeldUtc") ?? DateTimeOffset.MinValue,
                e.RowKey));
            if (found.Count >= max)
            {
                break;
            }
        }

        return found;
    }

    /// <summary>True when a connection has held work.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>Whether anything is held.</returns>
    public async Task<bool> AnyAsync(string connectionId, CancellationToken cancellationToken = default) =>
        (await ListAsync(connectionId, 1, cancellationToken)).Count > 0;

    /// <summary>
    /// True when the connection's holding row exists: always while work is held (it may stay a little after the last item
    /// is released, until <see cref="ClearHoldingAsync"/>). One point read.
    /// </summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>Whether work may be held.</returns>
    /// <exception cref="RequestFailedException">When storage refuses the read.</exception>
    public async Task<bool> IsHoldingAsync(string connectionId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionId);
        var table = await tables.GetTableAsync(tables.Names.HeldWork, cancellationToken);
        return (await table.GetEntityIfExistsAsync<TableEntity>(TableKeys.Escape(connectionId), HoldingRow, ["PartitionKey"], cancellationToken)).HasValue;
    }

    /// <summary>
    /// Writes the holding row for work held before the row existed (an older version held it), so that work arriving while
    /// it is released queues behind it. Called by a release that finds held work.
    /// </summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when written.</returns>
    /// <exception cref="RequestFailedException">When storage refuses the write.</exception>
    public async Task MarkHoldingAsync(string connectionId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionId);
        var table = await tables.GetTableAsync(tables.Names.HeldWork, cancellationToken);
        await table.UpsertEntityAsync(HoldingEntity(TableKeys.Escape(connectionId), timeProvider.GetUtcNow()), TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>
    /// Deletes the holding row when nothing is held: reads the row (and its ETag), then the queue, and deletes the row only
    /// if the queue is empty and the row is unchanged. A hold that committed before the row was read shows in the queue; one
    /// that committed after changed the row's ETag; either way the row stays.
    /// </summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="cancellationToken">Cancels the reads and the delete.</param>
    /// <returns>True when nothing is held and the row is gone; false when work is held (list it again).</returns>
    /// <exception cref="RequestFailedException">When storage refuses a read or the delete.</exception>
    public async Task<bool> ClearHoldingAsync(string connectionId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionId);
        var table = await tables.GetTableAsync(tables.Names.HeldWork, cancellationToken);
        var partition = TableKeys.Escape(connectionId);
        var holding = await table.GetEntityIfExistsAsync<TableEntity>(partition, HoldingRow, ["PartitionKey"], cancellationToken);
        if (await AnyAsync(connectionId, cancellationToken))
        {
            return false;
        }

        if (!holding.HasValue)
        {
            return true;
        }

        try
        {
            await table.DeleteEntityAsync(partition, HoldingRow, holding.Value!.ETag, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            // Work was held after the row was read.
            return false;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Another release cleared it.
            return true;
        }
    }

    /// <summary>Removes released work (its queue row and marker); already removed work is ignored.</summary>
    /// <param name="work">The item.</param>
    /// <param name="cancellationToken">Cancels the delete.</param>
    /// <returns>A task that completes when removed.</returns>
    public async Task RemoveAsync(HeldWork work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        var table = await tables.GetTableAsync(tables.Names.HeldWork, cancellationToken);
        var partition = TableKeys.Escape(work.ConnectionId);
        var marker = MarkerPrefix + work.Kind + TableKeys.Separator + TableKeys.Escape(work.InstanceId);
        await table.DeleteEntityAsync(partition, work.RowKey, ETag.All, cancellationToken);
        await table.DeleteEntityAsync(partition, marker, ETag.All, cancellationToken);
    }

    private static TableEntity HoldingEntity(string partition, DateTimeOffset now) => new(partition, HoldingRow) { ["LastHeldUtc"] = now };
}
