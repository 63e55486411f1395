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

    /// <inheritdoc />
    public async Task<AuditRecord> WriteAsync(AuditRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentException.ThrowIfNullOrWhiteSpace(record.ConnectionId);
        ArgumentException.ThrowIfNullOrWhiteSpace(record.Operation);

        var stored = record with
        {
            Time = record.Time == default ? timeProvider.GetUtcNow() : record.Time.ToUniversalTime(),
            Id = record.Id ?? Guid.NewGuid().ToString("N"),
            Detail = Redact(record.Detail),
        };

        var entity = new AuditEntry
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

        var table = await tables.GetTableAsync(tables.Names.Audit, cancellationToken);
        await table.AddEntityAsync(entity, cancellationToken);
        return stored;
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
}
