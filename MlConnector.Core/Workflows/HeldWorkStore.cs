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
/// One more row per partition, <c>h</c> ("holding", property <c>Holding</c>), is written with <c>Holding = true</c> (insert
/// or replace) in every hold's transaction and set to false only once the queue is seen empty after the row was read
/// (<see cref="ClearHoldingAsync"/>, with the ETag read), so whenever a queue row exists, the row says holding.
/// <see cref="IsHoldingAsync"/> is therefore a point read that never answers false while work is held; the queue itself is
/// range-queried when there is something to release, and once per connection that has no holding row yet (work held by a
/// version before the row existed; session 9's rows, deleted when cleared and holding by existing, read the same way). A
/// query scans the whole table in Azurite (docs/performance.md).
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
    private const string HoldingProperty = "Holding";

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
                    new TableTransactionAction(TableTransactionActionType.UpsertReplace, HoldingEntity(partition, now, holding: true)),
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
    /// True while the connection's work must queue behind held work: always while work is held (and a little after the last
    /// item is released, until <see cref="ClearHoldingAsync"/>). One point read of the holding row. A partition without one
    /// (work held by a version before the row existed, or nothing ever held) is range-queried once and the row written with
    /// what the query found, so work an older version held is never overtaken, and the query is not repeated.
    /// </summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>Whether work may be held.</returns>
    /// <exception cref="RequestFailedException">When storage refuses a read or the write.</exception>
    public async Task<bool> IsHoldingAsync(string connectionId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionId);
        var table = await tables.GetTableAsync(tables.Names.HeldWork, cancellationToken);
        var partition = TableKeys.Escape(connectionId);
        while (true)
        {
            if (await table.GetEntityOrNullAsync<TableEntity>(partition, HoldingRow, [HoldingProperty], cancellationToken) is { } row)
            {
                // A row without the property was written by session 9's code, whose row meant "holding" by existing.
                return row.GetBoolean(HoldingProperty) ?? true;
            }

            var held = await AnyAsync(connectionId, cancellationToken);
            try
            {
                await table.AddEntityAsync(HoldingEntity(partition, timeProvider.GetUtcNow(), held), cancellationToken);
                return held;
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
                // A hold (or another check) wrote the row meanwhile: read what it says.
            }
        }
    }

    /// <summary>
    /// Marks the connection holding, for work held before the holding row existed (an older version held it), so that work
    /// arriving while it is released queues behind it. Called by a release that finds held work.
    /// </summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when written.</returns>
    /// <exception cref="RequestFailedException">When storage refuses the write.</exception>
    public async Task MarkHoldingAsync(string connectionId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionId);
        var table = await tables.GetTableAsync(tables.Names.HeldWork, cancellationToken);
        await table.UpsertEntityAsync(HoldingEntity(TableKeys.Escape(connectionId), timeProvider.GetUtcNow(), holding: true), TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>
    /// Marks the connection not holding when nothing is held: reads the holding row (and its ETag), then the queue, and
    /// replaces the row with <c>Holding = false</c> only if the queue is empty and the row is unchanged (the row is kept, not
    /// deleted, so that <see cref="IsHoldingAsync"/> never has to query the queue again). A hold that committed before the row
    /// was read shows in the queue; one that committed after changed the row's ETag; either way the connection stays holding.
    /// </summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="cancellationToken">Cancels the reads and the write.</param>
    /// <returns>True when nothing is held and the row says so; false when work is held (list it again).</returns>
    /// <exception cref="RequestFailedException">When storage refuses a read or the write.</exception>
    public async Task<bool> ClearHoldingAsync(string connectionId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionId);
        var table = await tables.GetTableAsync(tables.Names.HeldWork, cancellationToken);
        var partition = TableKeys.Escape(connectionId);
        var holding = await table.GetEntityOrNullAsync<TableEntity>(partition, HoldingRow, [HoldingProperty], cancellationToken);
        if (await AnyAsync(connectionId, cancellationToken))
        {
            return false;
        }

        if (holding?.GetBoolean(HoldingProperty) == false)
        {
            return true;
        }

        try
        {
            var cleared = HoldingEntity(partition, timeProvider.GetUtcNow(), holding: false);
            await (holding is null
                ? table.AddEntityAsync(cleared, cancellationToken)
                : table.UpdateEntityAsync(cleared, holding.ETag, TableUpdateMode.Replace, cancellationToken));
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            // Work was held after the row was read (or a release cleared it meanwhile): list again.
            return false;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Session 9's release deleted the row meanwhile: nothing is held.
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

    private static TableEntity HoldingEntity(string partition, DateTimeOffset now, bool holding) =>
        new(partition, HoldingRow) { [HoldingProperty] = holding, [holding ? "LastHeldUtc" : "ClearedUtc"] = now };
}
