using Azure;
using Azure.Data.Tables;

namespace MlConnector.Core.Storage;

/// <summary>
/// A lease on one job of one connection, so two passes of it never overlap, across processes too: a State-table row
/// (<c>PartitionKey</c> = the escaped connection id, <c>RowKey</c> = the lease's name) holding <c>Owner</c> and
/// <c>ExpiresUtc</c>, taken and renewed only through its ETag. A lease whose holder died simply expires.
/// </summary>
/// <remarks>
/// Table Storage answers an insert of an existing row with 409 and a replace with a stale ETag with 412
/// (the <c>ifMatch</c> semantics of <c>TableClient.UpdateEntityAsync</c>); either means another holder won.
/// </remarks>
/// <param name="ConnectionId">The connection.</param>
/// <param name="Name">The row key, for example <c>shipstation-qbo|reconcile-lease</c>.</param>
/// <param name="Owner">Who holds it (for people reading the row).</param>
/// <param name="ExpiresUtc">When it lapses unless renewed, UTC.</param>
/// <param name="ETag">The row's ETag as this holder last wrote it.</param>
public sealed record ConnectionLease(string ConnectionId, string Name, string Owner, DateTimeOffset ExpiresUtc, ETag ETag)
{
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
        var row = await table.GetEntityIfExistsAsync<TableEntity>(TableKeys.Escape(connectionId), name, cancellationToken: cancellationToken);
        if (row.HasValue && row.Value!.GetDateTimeOffset("ExpiresUtc") is { } expires && expires > nowUtc)
        {
            return null;
        }

        var lease = new ConnectionLease(connectionId, name, owner, nowUtc + duration, default);
        try
        {
            var written = row.HasValue
                ? await table.UpdateEntityAsync(lease.ToEntity(), row.Value!.ETag, TableUpdateMode.Replace, cancellationToken)
                : await table.AddEntityAsync(lease.ToEntity(), cancellationToken);
            return lease with { ETag = written.Headers.ETag ?? throw new InvalidOperationException("Table storage returned no ETag for the lease.") };
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            return null;
        }
    }

    /// <summary>Reads who holds a lease and until when, for a skip note.</summary>
    /// <param name="tables">The table provider.</param>
    /// <param name="connectionId">The connection.</param>
    /// <param name="name">The row key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The holder and expiry, or null when there is no row.</returns>
    public static async Task<(string Owner, DateTimeOffset ExpiresUtc)?> ReadHolderAsync(TableProvider tables, string connectionId, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tables);
        var table = await tables.GetTableAsync(tables.Names.State, cancellationToken);
        var row = await table.GetEntityOrNullAsync<TableEntity>(TableKeys.Escape(connectionId), name, cancellationToken: cancellationToken);
        return row is not null ? (row.GetString("Owner") ?? string.Empty, row.GetDateTimeOffset("ExpiresUtc") ?? default) : null;
    }

    /// <summary>Extends the lease; fails when it lapsed and another holder took it meanwhile.</summary>
    /// <param name="tables">The table provider.</param>
    /// <param name="nowUtc">The current time, UTC.</param>
    /// <param name="duration">How long it lasts from now.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The renewed lease.</returns>
    /// <exception cref="RequestFailedException">With status 412 when another holder took the row.</exception>
    public async Task<ConnectionLease> RenewAsync(TableProvider tables, DateTimeOffset nowUtc, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tables);
        var table = await tables.GetTableAsync(tables.Names.State, cancellationToken);
        var renewed = this with { ExpiresUtc = nowUtc + duration };
        var written = await table.UpdateEntityAsync(renewed.ToEntity(), ETag, TableUpdateMode.Replace, cancellationToken);
        return renewed with { ETag = written.Headers.ETag ?? throw new InvalidOperationException("Table storage returned no ETag for the lease.") };
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

    private TableEntity ToEntity() => new(TableKeys.Escape(ConnectionId), Name) { ["Owner"] = Owner, ["ExpiresUtc"] = ExpiresUtc };
}
