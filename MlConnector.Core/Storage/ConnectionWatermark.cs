using Azure;
using Azure.Data.Tables;

namespace MlConnector.Core.Storage;

/// <summary>
/// A reconciliation watermark of one connection: a State-table row (<c>PartitionKey</c> = the escaped connection id,
/// <c>RowKey</c> = the watermark's name) holding <c>WatermarkUtc</c> and <c>LastPassUtc</c>, written with its ETag so two
/// racing passes cannot both move it.
/// </summary>
/// <param name="ConnectionId">The connection.</param>
/// <param name="Name">The row key, for example <c>shipstation-qbo|orders-watermark</c>.</param>
/// <param name="WatermarkUtc">The watermark, UTC, or null before the first pass.</param>
/// <param name="ETag">The row's ETag when it exists.</param>
public sealed record ConnectionWatermark(string ConnectionId, string Name, DateTimeOffset? WatermarkUtc, ETag? ETag)
{
    /// <summary>Reads a watermark.</summary>
    /// <param name="tables">The table provider.</param>
    /// <param name="connectionId">The connection.</param>
    /// <param name="name">The row key.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The watermark (with a null time before the first pass).</returns>
    public static async Task<ConnectionWatermark> ReadAsync(TableProvider tables, string connectionId, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tables);
        var table = await tables.GetTableAsync(tables.Names.State, cancellationToken);
        var row = await table.GetEntityOrNullAsync<TableEntity>(TableKeys.Escape(connectionId), name, cancellationToken: cancellationToken);
        return row is not null
            ? new ConnectionWatermark(connectionId, name, row.GetDateTimeOffset("WatermarkUtc"), row.ETag)
            : new ConnectionWatermark(connectionId, name, null, null);
    }

    /// <summary>Stores a new watermark over the one read (ETag-checked).</summary>
    /// <param name="tables">The table provider.</param>
    /// <param name="watermarkUtc">The new watermark, UTC.</param>
    /// <param name="lastPassUtc">When the pass ran, UTC.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when stored.</returns>
    /// <exception cref="RequestFailedException">With status 409 or 412 when another pass moved it since it was read.</exception>
    public async Task SaveAsync(TableProvider tables, DateTimeOffset watermarkUtc, DateTimeOffset lastPassUtc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tables);
        var table = await tables.GetTableAsync(tables.Names.State, cancellationToken);
        var row = new TableEntity(TableKeys.Escape(ConnectionId), Name) { ["WatermarkUtc"] = watermarkUtc, ["LastPassUtc"] = lastPassUtc };
        if (ETag is { } etag)
        {
            await table.UpdateEntityAsync(row, etag, TableUpdateMode.Replace, cancellationToken);
        }
        else
        {
            await table.AddEntityAsync(row, cancellationToken);
        }
    }
}
