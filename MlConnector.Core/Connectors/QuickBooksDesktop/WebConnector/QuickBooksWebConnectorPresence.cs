using Azure;
using Azure.Data.Tables;
using MlConnector.Core.Storage;

namespace MlConnector.Core.Connectors.QuickBooksDesktop.WebConnector;

/// <summary>
/// When each connection's Web Connector last called (a successful <c>authenticate</c>) and the last reason it gave for not
/// reaching QuickBooks (<c>connectionError</c>, in merchant words from <see cref="QuickBooksConnectionErrors"/>), kept in the
/// QuickBooks Desktop table (partition <c>presence</c>, row = the escaped connection id). QuickBooks Desktop is pulled, not
/// pushed: when QBWC stops calling, this is the only sign, read by health and the "Web Connector silent" alert.
/// </summary>
/// <param name="tables">The table provider.</param>
/// <param name="timeProvider">The clock.</param>
public sealed class QuickBooksWebConnectorPresence(TableProvider tables, TimeProvider timeProvider)
{
    private const string Partition = "presence";

    /// <summary>Records that the Web Connector authenticated for the connection just now.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when stored.</returns>
    public async Task SeenAsync(string connectionId, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetTableAsync(tables.Names.QuickBooksDesktop, cancellationToken);
        await table.UpsertEntityAsync(new QuickBooksDesktopQueueEntity { PartitionKey = Partition, RowKey = TableKeys.Escape(connectionId), LastSeenUtc = timeProvider.GetUtcNow() }, TableUpdateMode.Merge, cancellationToken);
    }

    /// <summary>Records why the Web Connector could not reach QuickBooks, or clears it (null) once QuickBooks answered again.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="reason">The merchant-facing reason, or null to clear.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when stored.</returns>
    public async Task SetErrorAsync(string connectionId, string? reason, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetTableAsync(tables.Names.QuickBooksDesktop, cancellationToken);
        var row = new TableEntity(Partition, TableKeys.Escape(connectionId))
        {
            [nameof(QuickBooksDesktopQueueEntity.LastError)] = reason ?? string.Empty,
            [nameof(QuickBooksDesktopQueueEntity.LastErrorUtc)] = reason is null ? null : timeProvider.GetUtcNow(),
        };
        await table.UpsertEntityAsync(row, TableUpdateMode.Merge, cancellationToken);
    }

    /// <summary>The connection's Web Connector status.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The status (all null when QBWC never called).</returns>
    public async Task<QuickBooksWebConnectorStatus> GetAsync(string connectionId, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetTableAsync(tables.Names.QuickBooksDesktop, cancellationToken);
        var row = await table.GetEntityOrNullAsync<QuickBooksDesktopQueueEntity>(Partition, TableKeys.Escape(connectionId), cancellationToken: cancellationToken);
        return row is not null
            ? new QuickBooksWebConnectorStatus(row.LastSeenUtc, string.IsNullOrEmpty(row.LastError) ? null : row.LastError, string.IsNullOrEmpty(row.LastError) ? null : row.LastErrorUtc)
            : new QuickBooksWebConnectorStatus(null, null, null);
    }
}
