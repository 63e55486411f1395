using Azure;
using Azure.Data.Tables;

namespace MlConnector.Core.Storage;

/// <summary>
/// A lease on one job or one document of one connection, so two passes of it never overlap, across processes too: a
/// State-table row (<c>PartitionKey</c> = the escaped connection id, <c>RowKey</c> = the lease's name) holding <c>Owner</c>,
/// <c>ExpiresUtc</c> and <c>Requested</c>, taken, renewed and released only through its ETag. A lease whose holder died
/// simply expires. A caller that finds the lease taken may ask the holder for one more pass (<see cref="RequestPassAsync"/>,
/// which sets <c>Requested</c>); the holder finds the request when it lets go (<see cref="ReleaseOrTakeRequestAsync"/>).
/// </summary>
/// <remarks>
/// Table Storage answers an insert of an existing row with 409 and a replace or delete with a stale ETag with 412
/// (the <c>ifMatch</c> semantics of <c>TableClient.UpdateEntityAsync</c> and <c>DeleteEntityAsync</c>); either means the
/// row changed under the caller. Storage operations: taking a free lease is one insert (a lapsed row: a read and a
/// replace); a release is one delete.
/// </remarks>
/// <param name="ConnectionId">The connection.</param>
/// <param name="Name">The row key, for example <c>shipstation-qbo|reconcile-lease</c>.</param>
/// <param name="Owner">Who holds it (for people reading the row).</param>
/// <param name="ExpiresUtc">When it lapses unless renewed, UTC.</param>
/// <param name="ETag">The row's ETag as this holder last wrote it.</param>
public sealed record ConnectionLease(string ConnectionId, string Name, string Owner, DateTimeOffset ExpiresUtc, ETag ETag)
{
    /// <summary>
    /// Whether a renewal found a pass requested of this lease (and kept the request on the row): the release then takes
    /// it without trying the delete, which the renewal's ETag would let through.
    /// </summary>
    public bool PassRequested { get; init; }

    /// <summary>
    /// A holder name unique to one caller: <c>{machine}/{process id}/{purpose/}{guid}</c>, so a skip note says which host
    /// holds the lease and two holders in one process never pass for each other.
    /// </summary>
    /// <param name="purpose">What holds it (<c>backfill</c>), or null.</param>
    /// <returns>The owner name for <see cref="TryAcquireAsync"/>.</returns>
    public static string NewOwner(string? purpose = null) =>
        $"{Environment.MachineName}/{Environment.ProcessId}/{(purpose is null ? string.Empty : purpose + "/")}{Guid.NewGuid():N}";

    /// <summary>Takes the lease unless another holder's lease is still running.</summary>
    /// <param name="tables">The table provider.</param>
    /// <param name="connectionId">The connection.</param>
    /// <param name="name">The row key.</param>
    /// <param name="owner">Who takes it.</param>
    /// <param name="nowUtc">The current time, UTC.</param>
    /// <param name="duration">How long it lasts unless renewed.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The lease, or null when another holder has it (the row then names it in <see cref="ReadHolderAsync"/>).</returns>
    public static async Task<ConnectionLease?> TryAcquireAsync(TableProvider tables, string connectionId, string name, string owner, DateTimeOffset nowUtc, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        var table = await tables.GetTableAsync(tables.Names.State, cancellationToken);
        var lease = new ConnectionLease(connectionId, name, owner, nowUtc + duration, default);
        try
        {
            // A released lease leaves no row, so the insert is the common case: one storage operation.
            var added = await table.AddEntityAsync(lease.ToEntity(), cancellationToken);
            return lease with { ETag = EtagOf(added) };
        }
        catch (RequestFailedException ex) when (ex.Status is 409)
        {
            // A row is there: taken, or left by a holder that died.
        }

        var row = await table.GetEntityOrNullAsync<TableEntity>(TableKeys.Escape(connectionId), name, cancellationToken: cancellationToken);
        if (row is null || (row.GetDateTimeOffset("ExpiresUtc") is { } expires && expires > nowUtc))
        {
            // Still running, or released between the insert and the read (the caller tries again).
            return null;
        }

        try
        {
            return lease with { ETag = EtagOf(await table.UpdateEntityAsync(lease.ToEntity(), row.ETag, TableUpdateMode.Replace, cancellationToken)) };
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            return null;
        }
    }

    /// <summary>
    /// Asks the holder of a running lease for one more pass before it lets go, by setting <c>Requested</c> on its row
    /// (guarded by the row's ETag, so a release or renewal in between is noticed). Work the caller recorded before this call
    /// is then seen by the holder's next pass.
    /// </summary>
    /// <param name="tables">The table provider.</param>
    /// <param name="connectionId">The connection.</param>
    /// <param name="name">The row key.</param>
    /// <param name="nowUtc">The current time, UTC.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>
    /// The holder asked (or already asked by another caller) and its expiry; null when there is no running lease (none, or
    /// lapsed), so the caller should take it itself.
    /// </returns>
    public static async Task<(string Owner, DateTimeOffset ExpiresUtc)?> RequestPassAsync(TableProvider tables, string connectionId, string name, DateTimeOffset nowUtc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tables);
        var table = await tables.GetTableAsync(tables.Names.State, cancellationToken);
        while (true)
        {
            var row = await table.GetEntityOrNullAsync<TableEntity>(TableKeys.Escape(connectionId), name, cancellationToken: cancellationToken);
            if (row is null || row.GetDateTimeOffset("ExpiresUtc") is not { } expires || expires <= nowUtc)
            {
                return null;
            }

            var holder = (row.GetString("Owner") ?? string.Empty, expires);
            if (row.GetBoolean("Requested") == true)
            {
                return holder;
            }

            try
            {
                await table.UpdateEntityAsync(new TableEntity(row.PartitionKey, row.RowKey) { ["Requested"] = true }, row.ETag, TableUpdateMode.Merge, cancellationToken);
                return holder;
            }
            catch (RequestFailedException ex) when (ex.Status is 404 or 412)
            {
                // Released, renewed or taken meanwhile: look again.
            }
        }
    }

    /// <summary>Reads who holds a lease and until when, for a skip note.</summary>
    /// <param name="tables">The table provider.</param>
    /// <param name="connectionId">The connection.</param>
    /// <param name="name">The row key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The holder, its expiry and whether a pass is requested of it (<see cref="RequestPassAsync"/>), or null when there is no row.</returns>
    public static async Task<(string Owner, DateTimeOffset ExpiresUtc, bool Requested)?> ReadHolderAsync(TableProvider tables, string connectionId, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tables);
        var table = await tables.GetTableAsync(tables.Names.State, cancellationToken);
        var row = await table.GetEntityOrNullAsync<TableEntity>(TableKeys.Escape(connectionId), name, cancellationToken: cancellationToken);
        return row is not null ? (row.GetString("Owner") ?? string.Empty, row.GetDateTimeOffset("ExpiresUtc") ?? default, row.GetBoolean("Requested") == true) : null;
    }

    /// <summary>
    /// Extends the lease, keeping a pass requested of it (<see cref="RequestPassAsync"/>) for the release to find; fails
    /// when it lapsed and another holder took it meanwhile.
    /// </summary>
    /// <param name="tables">The table provider.</param>
    /// <param name="nowUtc">The current time, UTC.</param>
    /// <param name="duration">How long it lasts from now.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The renewed lease.</returns>
    /// <exception cref="RequestFailedException">With status 412 when another holder took the row, 404 when it is gone.</exception>
    public async Task<ConnectionLease> RenewAsync(TableProvider tables, DateTimeOffset nowUtc, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tables);
        var table = await tables.GetTableAsync(tables.Names.State, cancellationToken);
        var renewed = this with { ExpiresUtc = nowUtc + duration };
        var etag = ETag;
        while (true)
        {
            try
            {
                // Merge, so a Requested flag set on the row stays for the release to find.
                return renewed with { ETag = EtagOf(await table.UpdateEntityAsync(renewed.ToEntity(), etag, TableUpdateMode.Merge, cancellationToken)) };
            }
            catch (RequestFailedException ex) when (ex.Status is 412)
            {
                // A pass was requested (the row's ETag moved but it is still this lease): keep it for the release. Else
                // another holder took it.
                if (await StillMineAsync(table, cancellationToken) is not { } current)
                {
                    throw;
                }

                (etag, renewed) = (current, renewed with { PassRequested = true });
            }
        }
    }

    /// <summary>
    /// Gives the lease up, unless a pass was requested of it meanwhile (<see cref="RequestPassAsync"/>): then the request is
    /// taken (cleared, the lease extended) and the lease returned, so the holder makes one more pass and calls this again.
    /// A lease that lapsed and was taken by another holder is left alone.
    /// </summary>
    /// <param name="tables">The table provider.</param>
    /// <param name="nowUtc">The current time, UTC.</param>
    /// <param name="duration">How long the lease lasts from now when a pass was requested.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Null when released (or no longer this holder's); the lease, still held, when a pass was requested.</returns>
    public async Task<ConnectionLease?> ReleaseOrTakeRequestAsync(TableProvider tables, DateTimeOffset nowUtc, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tables);
        var table = await tables.GetTableAsync(tables.Names.State, cancellationToken);
        try
        {
            if (!PassRequested)
            {
                await table.DeleteEntityAsync(TableKeys.Escape(ConnectionId), Name, ETag, cancellationToken);
                return null;
            }
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            // Gone, or changed: a pass requested of it, or lapsed and taken by another holder.
        }

        while (await StillMineAsync(table, cancellationToken) is { } etag)
        {
            var renewed = this with { ExpiresUtc = nowUtc + duration, PassRequested = false };
            try
            {
                // Replace drops Requested: the request is taken.
                return renewed with { ETag = EtagOf(await table.UpdateEntityAsync(renewed.ToEntity(), etag, TableUpdateMode.Replace, cancellationToken)) };
            }
            catch (RequestFailedException ex) when (ex.Status is 404 or 412)
            {
                // Another request landed in between: read again.
            }
        }

        return null;
    }

    /// <summary>Gives the lease up, unless another holder has taken it since (then nothing is changed).</summary>
    /// <param name="tables">The table provider.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when released.</returns>
    public async Task ReleaseAsync(TableProvider tables, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tables);
        var table = await tables.GetTableAsync(tables.Names.State, cancellationToken);
        try
        {
            await table.DeleteEntityAsync(TableKeys.Escape(ConnectionId), Name, ETag, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            // Already gone, or lapsed and taken by another holder: theirs now.
        }
    }

    private static ETag EtagOf(Response response) => response.Headers.ETag ?? throw new InvalidOperationException("Table storage returned no ETag for the lease.");

    /// <summary>Reads the row and returns its ETag when it is still this lease (same owner, same expiry), else null.</summary>
    private async Task<ETag?> StillMineAsync(TableClient table, CancellationToken cancellationToken)
    {
        var row = await table.GetEntityOrNullAsync<TableEntity>(TableKeys.Escape(ConnectionId), Name, cancellationToken: cancellationToken);
        // Storage may keep the expiry to a coarser precision than ticks: the same within a millisecond is the same lease.
        return row is not null && row.GetString("Owner") == Owner && row.GetDateTimeOffset("ExpiresUtc") is { } expires && (expires - ExpiresUtc).Duration() < TimeSpan.FromMilliseconds(1)
            ? row.ETag
            : null;
    }

    private TableEntity ToEntity() => new(TableKeys.Escape(ConnectionId), Name) { ["Owner"] = Owner, ["ExpiresUtc"] = ExpiresUtc };
}
