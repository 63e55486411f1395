using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs.Models;
using MlConnector.Core.Connections;
using MlConnector.Core.Storage;

namespace MlConnector.Core.Shipping.Ups;

/// <summary>
/// Where every integration that ships with UPS keeps its shipments: one row per package in the
/// <see cref="StorageNames.UpsShipments"/> table (partition = connection, row = tracking number), naming the source
/// document and the owning integration kind, and each label in blob storage under
/// <c>ups-labels/{connection}/{source system}/{source id}/{tracking number}.{format}</c>, referenced from the row, never
/// stored in it.
/// <para>
/// Beside the package rows, each partition holds one index row per source document (row
/// <c>src|{source system}|{source id}</c>, property <c>TrackingNumbers</c>: the document's tracking numbers, ordinal order,
/// each escaped, joined by <c>|</c>), written in the same entity-group transaction as the document's package rows (same partition), and one
/// marker row (<c>src||indexed</c>) saying that every document of the connection has its index row. So
/// <see cref="GetBySourceAsync"/> is point reads (index row, then one per package; or index row and marker for a document
/// not shipped yet), never a query: a query scans the whole table in Azurite (docs/performance.md). Rows written before the
/// index (no marker yet) are indexed by a one-time pass over the partition on the first read. Escaped key parts never hold
/// <c>|</c>, so neither kind of row can collide with a package's row (its tracking number).
/// </para>
/// </summary>
/// <param name="tables">The table provider.</param>
/// <param name="blobs">The blob container.</param>
public sealed class UpsShipmentStore(TableProvider tables, BlobContainerProvider blobs)
{
    /// <summary>The source system of rows written before the store was shared: QBO purchase orders of <c>qbo-ups</c>.</summary>
    public const string LegacySourceSystem = "qbo-po";

    private const string IndexPrefix = "src|";
    private const string IndexedMarker = "src||indexed";
    private const string TrackingNumbersProperty = "TrackingNumbers";

    /// <summary>Stores a package's label and returns its blob path.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="source">The document shipped.</param>
    /// <param name="trackingNumber">The package's tracking number.</param>
    /// <param name="format">The image format (<c>GIF</c>, <c>PNG</c>, <c>ZPL</c>, …).</param>
    /// <param name="image">The label bytes.</param>
    /// <param name="cancellationToken">Cancels the upload.</param>
    /// <returns>The blob path.</returns>
    public async Task<string> SaveLabelAsync(string connectionId, SourceDocument source, string trackingNumber, string format, ReadOnlyMemory<byte> image, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        var container = await blobs.GetAsync(cancellationToken);
        var path = $"ups-labels/{TableKeys.Escape(connectionId)}/{TableKeys.Escape(source.System)}/{TableKeys.Escape(source.Id)}/{TableKeys.Escape(trackingNumber)}.{format.ToUpperInvariant()}";
        var contentType = format.ToUpperInvariant() switch
        {
            "GIF" => "image/gif",
            "PNG" => "image/png",
            _ => "application/octet-stream",
        };
        await container.GetBlobClient(path).UploadAsync(
            BinaryData.FromBytes(image),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = contentType } },
            cancellationToken);
        return path;
    }

    /// <summary>Reads a stored label.</summary>
    /// <param name="path">The blob path from <see cref="UpsShipmentRecord.LabelBlobPath"/>.</param>
    /// <param name="cancellationToken">Cancels the download.</param>
    /// <returns>The label bytes.</returns>
    public async Task<BinaryData> GetLabelAsync(string path, CancellationToken cancellationToken = default) =>
        (await (await blobs.GetAsync(cancellationToken)).GetBlobClient(path).DownloadContentAsync(cancellationToken)).Value.Content;

    /// <summary>
    /// Inserts or replaces package rows, and adds their tracking numbers to their document's index row in the same
    /// entity-group transaction (a document of more than 99 packages writes its first rows alone, then the rest with the
    /// index row: the index never names a row not yet written). Another writer's change to the index row between the read
    /// and the write (a 412 or 409) is merged and written again.
    /// </summary>
    /// <param name="records">The rows.</param>
    /// <param name="cancellationToken">Cancels the writes.</param>
    /// <returns>A task that completes when all are written.</returns>
    /// <exception cref="RequestFailedException">When storage refuses a write, or the index row kept changing (5 tries).</exception>
    public async Task SaveAsync(IEnumerable<UpsShipmentRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        var table = await tables.GetTableAsync(tables.Names.UpsShipments, cancellationToken);
        foreach (var document in records.GroupBy(r => (r.ConnectionId, r.Source.System, r.Source.Id)))
        {
            var rows = document.Select(ToEntity).ToList();
            await WriteIndexedAsync(table, document.Key.ConnectionId, document.Key.System, document.Key.Id, rows, [.. document.Select(r => r.TrackingNumber)], cancellationToken);
        }
    }

    /// <summary>
    /// The package rows of a source document: a point read of its index row, then one per package; for a document not
    /// shipped yet, a point read of the index row and one of the connection's marker. The first read of a connection whose
    /// rows predate the index scans its partition once and writes the index rows and the marker.
    /// </summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="sourceSystem">The document's <see cref="SourceDocument.System"/> (<c>qbo-po</c>, …).</param>
    /// <param name="sourceId">The document's <see cref="SourceDocument.Id"/>.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The rows, in tracking-number order (empty when the document has no shipment).</returns>
    public async Task<IReadOnlyList<UpsShipmentRecord>> GetBySourceAsync(string connectionId, string sourceSystem, string sourceId, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetTableAsync(tables.Names.UpsShipments, cancellationToken);
        var partition = TableKeys.Escape(connectionId);
        var index = await table.GetEntityIfExistsAsync<TableEntity>(partition, IndexKey(sourceSystem, sourceId), [TrackingNumbersProperty], cancellationToken);
        if (index.HasValue)
        {
            var rows = new List<UpsShipmentRecord>();
            foreach (var trackingNumber in SplitTrackingNumbers(index.Value!.GetString(TrackingNumbersProperty)))
            {
                if (await GetAsync(connectionId, trackingNumber, cancellationToken) is { } row && row.Source.System == sourceSystem && row.Source.Id == sourceId)
                {
                    rows.Add(row);
                }
            }

            return rows;
        }

        if (await table.GetEntityOrNullAsync<TableEntity>(partition, IndexedMarker, ["PartitionKey"], cancellationToken) is not null)
        {
            return [];
        }

        var all = await IndexPartitionAsync(table, connectionId, cancellationToken);
        return [.. all.Where(r => r.Source.System == sourceSystem && r.Source.Id == sourceId)];
    }

    /// <summary>
    /// The rows, of any connection, that record one of <paramref name="trackingNumbers"/>: which of a set of packages some
    /// document already holds. A query across partitions (every connection's rows are scanned), so it is kept for rare
    /// paths such as the adoption of a shipment whose Ship answer was lost.
    /// </summary>
    /// <param name="trackingNumbers">The tracking numbers (at most 50 at once).</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The rows found (empty when none is recorded).</returns>
    public async Task<IReadOnlyList<UpsShipmentRecord>> FindRecordedAsync(IReadOnlyCollection<string> trackingNumbers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(trackingNumbers);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(trackingNumbers.Count, 50);
        if (trackingNumbers.Count == 0)
        {
            return [];
        }

        return await QueryAsync(string.Join(" or ", trackingNumbers.Select(t => TableClient.CreateQueryFilter($"RowKey eq {TableKeys.Escape(t)}"))), cancellationToken);
    }

    /// <summary>The package rows of a connection that are not delivered yet.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The rows.</returns>
    public Task<IReadOnlyList<UpsShipmentRecord>> ListUndeliveredAsync(string connectionId, CancellationToken cancellationToken = default) =>
        QueryAsync(TableClient.CreateQueryFilter($"PartitionKey eq {TableKeys.Escape(connectionId)} and Delivered eq false"), cancellationToken);

    /// <summary>Reads one package row.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="trackingNumber">The tracking number.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The row, or null when the package is not one of this connection's.</returns>
    public async Task<UpsShipmentRecord?> GetAsync(string connectionId, string trackingNumber, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetTableAsync(tables.Names.UpsShipments, cancellationToken);
        var found = await table.GetEntityOrNullAsync<UpsShipmentEntity>(TableKeys.Escape(connectionId), TableKeys.Escape(trackingNumber), cancellationToken: cancellationToken);
        return found is not null ? ToRecord(found) : null;
    }

    /// <summary>Changes rows with optimistic concurrency, re-reading on a conflict.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="trackingNumbers">The rows to change.</param>
    /// <param name="change">The change; returns the row unchanged to skip it.</param>
    /// <param name="cancellationToken">Cancels the writes.</param>
    /// <returns>The rows as written (missing rows are left out).</returns>
    public async Task<IReadOnlyList<UpsShipmentRecord>> ChangeAsync(
        string connectionId,
        IEnumerable<string> trackingNumbers,
        Func<UpsShipmentRecord, UpsShipmentRecord> change,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(trackingNumbers);
        ArgumentNullException.ThrowIfNull(change);
        var table = await tables.GetTableAsync(tables.Names.UpsShipments, cancellationToken);
        var written = new List<UpsShipmentRecord>();
        foreach (var trackingNumber in trackingNumbers)
        {
            for (var attempt = 0; ; attempt++)
            {
                var found = await table.GetEntityIfExistsAsync<UpsShipmentEntity>(TableKeys.Escape(connectionId), TableKeys.Escape(trackingNumber), cancellationToken: cancellationToken);
                if (!found.HasValue)
                {
                    break;
                }

                var current = ToRecord(found.Value!);
                var next = change(current);
                if (next == current)
                {
                    written.Add(current);
                    break;
                }

                try
                {
                    var entity = ToEntity(next);
                    await table.UpdateEntityAsync(entity, found.Value!.ETag, TableUpdateMode.Replace, cancellationToken);
                    written.Add(next);
                    break;
                }
                catch (RequestFailedException ex) when (ex.Status == 412 && attempt < 5)
                {
                    // Someone else changed the row between the read and the write: apply the change to the new row.
                }
            }
        }

        return written;
    }

    private static UpsShipmentEntity ToEntity(UpsShipmentRecord record) => new()
    {
        PartitionKey = TableKeys.Escape(record.ConnectionId),
        RowKey = TableKeys.Escape(record.TrackingNumber),
        IntegrationKind = record.IntegrationKind,
        SourceSystem = record.Source.System,
        SourceId = record.Source.Id,
        SourceNumber = record.Source.Number,
        SourceTitle = record.Source.Title,
        ShipmentIdentificationNumber = record.ShipmentIdentificationNumber,
        ShipperAccount = record.ShipperAccount,
        ServiceCode = record.ServiceCode,
        Charge = record.Charge.ToString(CultureInfo.InvariantCulture),
        NegotiatedCharge = record.NegotiatedCharge,
        CurrencyCode = record.CurrencyCode,
        LabelBlobPath = record.LabelBlobPath,
        CostEntity = record.CostEntity,
        CostEntityId = record.CostEntityId,
        StatusText = record.StatusText,
        StatusType = record.StatusType,
        StatusActivityLocalTime = record.StatusActivityLocalTime,
        Delivered = record.Delivered,
        SubscribedUntilUtc = record.SubscribedUntilUtc,
        CreatedUtc = record.CreatedUtc,
    };

    private static UpsShipmentRecord ToRecord(UpsShipmentEntity entity) => new()
    {
        ConnectionId = TableKeys.Unescape(entity.PartitionKey),
        TrackingNumber = TableKeys.Unescape(entity.RowKey),
        IntegrationKind = entity.IntegrationKind ?? IntegrationKinds.QboUps,
        Source = entity.SourceSystem is { } system
            ? new SourceDocument(system, entity.SourceId ?? string.Empty, entity.SourceNumber ?? entity.SourceId ?? string.Empty, entity.SourceTitle ?? system)
            : new SourceDocument(LegacySourceSystem, entity.PurchaseOrderId ?? string.Empty, entity.PurchaseOrderNumber ?? entity.PurchaseOrderId ?? string.Empty, "PO"),
        ShipmentIdentificationNumber = entity.ShipmentIdentificationNumber,
        ShipperAccount = entity.ShipperAccount,
        ServiceCode = entity.ServiceCode,
        Charge = decimal.Parse(entity.Charge, NumberStyles.Number, CultureInfo.InvariantCulture),
        NegotiatedCharge = entity.NegotiatedCharge,
        CurrencyCode = entity.CurrencyCode,
        LabelBlobPath = entity.LabelBlobPath,
        CostEntity = entity.CostEntity,
        CostEntityId = entity.CostEntityId,
        StatusText = entity.StatusText,
        StatusType = entity.StatusType,
        StatusActivityLocalTime = entity.StatusActivityLocalTime,
        Delivered = entity.Delivered,
        SubscribedUntilUtc = entity.SubscribedUntilUtc,
        CreatedUtc = entity.CreatedUtc,
    };

    private async Task<IReadOnlyList<UpsShipmentRecord>> QueryAsync(string filter, CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(tables.Names.UpsShipments, cancellationToken);
        var rows = new List<UpsShipmentRecord>();
        await foreach (var entity in table.QueryAsync<UpsShipmentEntity>(filter, cancellationToken: cancellationToken))
        {
            if (!IsIndexRow(entity.RowKey))
            {
                rows.Add(ToRecord(entity));
            }
        }

        return rows;
    }

    /// <summary>
    /// The one-time pass over a connection whose rows predate the index: reads the partition once, merges every document's
    /// tracking numbers into its index row, then writes the marker. A document shipped meanwhile writes its own index row,
    /// and the merge keeps both.
    /// </summary>
    private async Task<IReadOnlyList<UpsShipmentRecord>> IndexPartitionAsync(TableClient table, string connectionId, CancellationToken cancellationToken)
    {
        var partition = TableKeys.Escape(connectionId);
        var all = await QueryAsync(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), cancellationToken);
        foreach (var document in all.Where(r => r.Source.Id.Length > 0).GroupBy(r => (r.Source.System, r.Source.Id)))
        {
            await WriteIndexedAsync(table, connectionId, document.Key.System, document.Key.Id, [], [.. document.Select(r => r.TrackingNumber)], cancellationToken);
        }

        await table.UpsertEntityAsync(new TableEntity(partition, IndexedMarker), TableUpdateMode.Replace, cancellationToken);
        return all;
    }

    /// <summary>Writes package rows and merges their tracking numbers into the document's index row (see <see cref="SaveAsync"/>).</summary>
    private static async Task WriteIndexedAsync(
        TableClient table,
        string connectionId,
        string sourceSystem,
        string sourceId,
        List<UpsShipmentEntity> rows,
        IReadOnlyCollection<string> trackingNumbers,
        CancellationToken cancellationToken)
    {
        const int MaxWithIndex = 99;
        var partition = TableKeys.Escape(connectionId);
        var alone = rows.Count - Math.Min(rows.Count, MaxWithIndex);
        foreach (var chunk in rows.Take(alone).Chunk(100))
        {
            await table.SubmitTransactionAsync([.. chunk.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r))], cancellationToken);
        }

        var last = rows.Skip(alone).Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)).ToList();
        var key = IndexKey(sourceSystem, sourceId);
        for (var attempt = 0; ; attempt++)
        {
            var found = await table.GetEntityIfExistsAsync<TableEntity>(partition, key, cancellationToken: cancellationToken);
            var listed = found.HasValue ? SplitTrackingNumbers(found.Value!.GetString(TrackingNumbersProperty)) : [];
            var merged = listed.Union(trackingNumbers, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            var actions = new List<TableTransactionAction>(last);
            if (!found.HasValue || merged.Count != listed.Count)
            {
                var index = new TableEntity(partition, key)
                {
                    ["SourceSystem"] = sourceSystem,
                    ["SourceDocumentId"] = sourceId,
                    [TrackingNumbersProperty] = string.Join(TableKeys.Separator, merged.Select(TableKeys.Escape)),
                };
                actions.Add(found.HasValue
                    ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, index, found.Value!.ETag)
                    : new TableTransactionAction(TableTransactionActionType.Add, index));
            }

            if (actions.Count == 0)
            {
                return;
            }

            try
            {
                await table.SubmitTransactionAsync(actions, cancellationToken);
                return;
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412 && attempt < 5)
            {
                // Another writer added or changed the index row between the read and the write: merge with what it wrote.
            }
        }
    }

    private static string IndexKey(string sourceSystem, string sourceId) =>
        IndexPrefix + TableKeys.Escape(sourceSystem) + TableKeys.Separator + TableKeys.Escape(sourceId);

    private static bool IsIndexRow(string rowKey) => rowKey.Contains(TableKeys.Separator, StringComparison.Ordinal);

    private static List<string> SplitTrackingNumbers(string? value) =>
        [.. (value ?? string.Empty).Split(TableKeys.Separator, StringSplitOptions.RemoveEmptyEntries).Select(TableKeys.Unescape)];
}
