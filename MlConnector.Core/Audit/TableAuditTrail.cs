using System.Security.Cryptography;
using Azure.Data.Tables;
using MlConnector.Core.Diagnostics;
using MlConnector.Core.Storage;

namespace MlConnector.Core.Audit;

/// <summary>
/// The audit trail in Table Storage: one partition per connection per UTC day, rows newest first.
/// </summary>
/// <remarks>
/// Partitioning by connection and day keeps one busy connection from becoming every connection's hot partition
/// and makes time-range queries partition scans. As a last line of defence, <c>Authorization</c>-style credentials
/// (<c>Bearer …</c>, <c>Basic …</c>, <c>access_token=…</c>, <c>refresh_token=…</c>) are redacted from the detail;
/// callers must still never pass secrets.
/// </remarks>
/// <param name="tables">The table provider.</param>
/// <param name="timeProvider">The clock.</param>
public sealed class TableAuditTrail(TableProvider tables, TimeProvider timeProvider) : IAuditTrail
{
    private const int MaxDetailLength = 8192;
    private const int MaxRepeatAttempts = 10;
    private const string RepeatsPartition = "repeats";
    private const string FirstPartitionKey = "FirstPartitionKey";
    private const string FirstRowKey = "FirstRowKey";

    /// <inheritdoc />
    public async Task<AuditRecord> WriteAsync(AuditRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentException.ThrowIfNullOrWhiteSpace(record.ConnectionId);
        ArgumentException.ThrowIfNullOrWhiteSpace(record.Operation);

        var stored = Stamp(record);
        var table = await tables.GetTableAsync(tables.Names.Audit, cancellationToken);
        await table.AddEntityAsync(ToEntity(stored), cancellationToken);
        return stored;
    }

    /// <inheritdoc />
    /// <remarks>
    /// The first record's keys are kept in a pointer row (partition <c>{connectionId}|repeats</c>, row the SHA-256 of the
    /// repeat key), added with insert-only semantics, so two racing writers agree on one first row; a repeat reads the
    /// pointer and updates the first row with ETag concurrency (a 412 is read and tried again). If the process died between
    /// the pointer and the row, the repeat writes the row where the pointer says.
    /// </remarks>
    public async Task<AuditRecord> WriteOnceAsync(AuditRecord record, string repeatKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentException.ThrowIfNullOrWhiteSpace(record.ConnectionId);
        ArgumentException.ThrowIfNullOrWhiteSpace(record.Operation);
        ArgumentException.ThrowIfNullOrWhiteSpace(repeatKey);
        var stored = Stamp(record);
        var first = ToEntity(stored);
        var table = await tables.GetTableAsync(tables.Names.Audit, cancellationToken);
        var pointer = new TableEntity(
            TableKeys.Escape(stored.ConnectionId) + TableKeys.Separator + RepeatsPartition,
            Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(stored.Operation + TableKeys.Separator + repeatKey))))
        {
            [FirstPartitionKey] = first.PartitionKey,
            [FirstRowKey] = first.RowKey,
        };
        try
        {
            await table.AddEntityAsync(pointer, cancellationToken);
            await table.AddEntityAsync(first, cancellationToken);
            return stored;
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 409)
        {
            // A repeat: count it on the first row below.
        }

        var kept = (await table.GetEntityAsync<TableEntity>(pointer.PartitionKey, pointer.RowKey, cancellationToken: cancellationToken)).Value;
        var partitionKey = kept.GetString(FirstPartitionKey);
        var rowKey = kept.GetString(FirstRowKey);
        for (var attempt = 1; ; attempt++)
        {
            var row = await table.GetEntityIfExistsAsync<AuditEntry>(partitionKey, rowKey, cancellationToken: cancellationToken);
            try
            {
                if (!row.HasValue)
                {
                    first.PartitionKey = partitionKey;
                    first.RowKey = rowKey;
                    await table.AddEntityAsync(first, cancellationToken);
                    return stored;
                }

                var entity = row.Value!;
                entity.Repeats++;
                entity.LastSeen = stored.Time;
                await table.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace, cancellationToken);
                return ToRecord(entity);
            }
            catch (Azure.RequestFailedException ex) when (ex.Status is 409 or 412 && attempt < MaxRepeatAttempts)
            {
                // Another writer counted or wrote the row first: read it again.
            }
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<AuditRecord>> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentException.ThrowIfNullOrWhiteSpace(query.ConnectionId);
        if (query.ToUtc <= query.FromUtc)
        {
            throw new ArgumentException("The audit query's ToUtc must be after FromUtc.", nameof(query));
        }

        var table = await tables.GetTableAsync(tables.Names.Audit, cancellationToken);
        var results = new List<AuditRecord>();
        var from = query.FromUtc.ToUniversalTime();
        var to = query.ToUtc.ToUniversalTime();

        // Newest day first; each day is one partition.
        for (var day = to.AddTicks(-1).UtcDateTime.Date; day >= from.UtcDateTime.Date && results.Count < query.Limit; day = day.AddDays(-1))
        {
            var filter = BuildFilter(query, PartitionKeyFor(query.ConnectionId, day), from, to);
            await foreach (var entity in table.QueryAsync<AuditEntry>(filter, maxPerPage: Math.Min(query.Limit, 1000), cancellationToken: cancellationToken))
            {
                results.Add(ToRecord(entity));
                if (results.Count >= query.Limit)
                {
                    break;
                }
            }
        }

        return results;
    }

    /// <summary>The partition key for a connection's audit rows on the UTC day of <paramref name="time"/>.</summary>
    /// <param name="connectionId">The connection id.</param>
    /// <param name="time">Any time on that day.</param>
    /// <returns>The partition key.</returns>
    public static string PartitionKeyFor(string connectionId, DateTimeOffset time) =>
        TableKeys.Escape(connectionId) + TableKeys.Separator + time.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    private static AuditEntry ToEntity(AuditRecord stored) => new()
    {
        PartitionKey = PartitionKeyFor(stored.ConnectionId, stored.Time),
        RowKey = TableKeys.InvertedTicks(stored.Time) + TableKeys.Separator + stored.Id,
        ConnectionId = stored.ConnectionId,
        Time = stored.Time,
        Operation = stored.Operation,
        Outcome = stored.Outcome.ToString(),
        WorkflowInstanceId = stored.WorkflowInstanceId,
        BusinessKey = stored.BusinessKey,
        VendorReference = stored.VendorReference,
        ErrorKind = stored.ErrorKind?.ToString(),
        Detail = stored.Detail,
        Actor = stored.Actor,
        Id = stored.Id!,
    };

    private static string BuildFilter(AuditQuery query, string partitionKey, DateTimeOffset from, DateTimeOffset to)
    {
        var filter = new StringBuilder(TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey} and Time ge {from} and Time lt {to}"));
        if (query.BusinessKey is not null)
        {
            filter.Append(" and ").Append(TableClient.CreateQueryFilter($"BusinessKey eq {query.BusinessKey}"));
        }

        if (query.Outcome is not null)
        {
            filter.Append(" and ").Append(TableClient.CreateQueryFilter($"Outcome eq {query.Outcome.Value.ToString()}"));
        }

        if (query.Operation is not null)
        {
            filter.Append(" and ").Append(TableClient.CreateQueryFilter($"Operation eq {query.Operation}"));
        }

        if (query.WorkflowInstanceId is not null)
        {
            filter.Append(" and ").Append(TableClient.CreateQueryFilter($"WorkflowInstanceId eq {query.WorkflowInstanceId}"));
        }

        return filter.ToString();
    }

    private static AuditRecord ToRecord(AuditEntry e) => new(e.ConnectionId, e.Operation, Enum.Parse<AuditOutcome>(e.Outcome))
    {
        Time = e.Time,
        WorkflowInstanceId = e.WorkflowInstanceId,
        BusinessKey = e.BusinessKey,
        VendorReference = e.VendorReference,
        ErrorKind = e.ErrorKind is null ? null : Enum.Parse<Errors.ErrorKind>(e.ErrorKind),
        Detail = e.Detail,
        Actor = e.Actor,
        Id = e.Id,
        Repeats = e.Repeats,
        LastSeen = e.LastSeen,
    };

    private static string? Redact(string? detail)
    {
        if (detail is null)
        {
            return null;
        }

        var redacted = CredentialRedactor.Redact(detail)!;
        return redacted.Length > MaxDetailLength ? redacted[..MaxDetailLength] : redacted;
    }

    private AuditRecord Stamp(AuditRecord record) => record with
    {
        Time = record.Time == default ? timeProvider.GetUtcNow() : record.Time.ToUniversalTime(),
        Id = record.Id ?? Guid.NewGuid().ToString("N"),
        Detail = Redact(record.Detail),
    };
}
