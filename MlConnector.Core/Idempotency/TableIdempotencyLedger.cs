using Azure;
using Azure.Data.Tables;
using MlConnector.Core.Errors;
using MlConnector.Core.Storage;

namespace MlConnector.Core.Idempotency;

/// <summary>
/// The idempotency ledger in Table Storage.
/// </summary>
/// <remarks>
/// <para>PartitionKey = <c>{connectionId}|{sourceSystem}|{bucket}</c> where bucket is a stable hash of the
/// source id over <see cref="PartitionBuckets"/> buckets, so one busy connection spreads over several partitions
/// and never shares a partition with another connection. RowKey = <c>{operation}|{sourceId}</c>.</para>
/// <para>Claims race safely: the first claim is an insert (409 for the loser); later claims are ETag-conditional
/// updates (412 for the loser). A claim older than <see cref="ClaimTimeout"/> is considered abandoned (its run
/// crashed) and may be taken over; the caller must then check the target system itself (QBO DocNumber, QBD
/// RefNumber…) before creating, because the crashed run may have created the record before it died.</para>
/// </remarks>
/// <param name="tables">The table provider.</param>
/// <param name="timeProvider">The clock.</param>
public sealed class TableIdempotencyLedger(TableProvider tables, TimeProvider timeProvider) : IIdempotencyLedger
{
    /// <summary>How many partitions one connection's source system spreads over.</summary>
    public const int PartitionBuckets = 16;

    /// <summary>
    /// How long a claim is honoured before another run may take it over: 3 minutes, twice a connector call's total
    /// timeout (<c>Resilience:{connector}:TotalTimeout</c>, 90 s by default, governor waits and HTTP retries included), so a live run has
    /// finished or given up by then; a run whose process died (several <c>serve</c> processes, one killed) holds its
    /// record back for minutes, not ten. A run that takes over checks the target system first (QBO DocNumber, …), and QBO
    /// also deduplicates a repeated <c>requestid</c>.
    /// </summary>
    public static readonly TimeSpan ClaimTimeout = TimeSpan.FromMinutes(3);

    /// <inheritdoc />
    public async Task<LedgerClaim> BeginAsync(LedgerKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        var table = await tables.GetTableAsync(tables.Names.Ledger, cancellationToken);
        var now = timeProvider.GetUtcNow();
        var token = Guid.NewGuid().ToString("N");

        // Bounded: each loop iteration is caused by another run changing the row between our read and write.
        for (var round = 0; round < 5; round++)
        {
            var existing = await ReadAsync(table, key, cancellationToken);
            if (existing is null)
            {
                var row = NewRow(key, now, token);
                try
                {
                    await table.AddEntityAsync(row, cancellationToken);
                    return new LedgerClaim(key, LedgerDecision.Claimed, null, 1, token);
                }
                catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.Conflict)
                {
                    continue;
                }
            }

            var status = Enum.Parse<LedgerStatus>(existing.GetString("Status"));
            if (status == LedgerStatus.Succeeded)
            {
                return new LedgerClaim(key, LedgerDecision.AlreadyCompleted, existing.GetString("TargetId"), existing.GetInt32("Attempts") ?? 1, null);
            }

            var lastAttempt = existing.GetDateTimeOffset("LastAttemptUtc") ?? DateTimeOffset.MinValue;
            if (status == LedgerStatus.InProgress && now - lastAttempt < ClaimTimeout)
            {
                return new LedgerClaim(key, LedgerDecision.ClaimedElsewhere, null, existing.GetInt32("Attempts") ?? 1, null);
            }

            var attempt = (existing.GetInt32("Attempts") ?? 0) + 1;
            existing["Status"] = nameof(LedgerStatus.InProgress);
            existing["Attempts"] = attempt;
            existing["LastAttemptUtc"] = now;
            existing["ClaimToken"] = token;
            try
            {
                await table.UpdateEntityAsync(existing, existing.ETag, TableUpdateMode.Replace, cancellationToken);
                return new LedgerClaim(key, LedgerDecision.Claimed, null, attempt, token);
            }
            catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.PreconditionFailed)
            {
                continue;
            }
        }

        return new LedgerClaim(key, LedgerDecision.ClaimedElsewhere, null, 0, null);
    }

    /// <inheritdoc />
    public Task CompleteAsync(LedgerClaim claim, string targetId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(targetId);
        return FinishAsync(claim, LedgerStatus.Succeeded, targetId, null, cancellationToken);
    }

    /// <inheritdoc />
    public Task FailAsync(LedgerClaim claim, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reason);
        return FinishAsync(claim, LedgerStatus.Failed, null, reason.Length > 4096 ? reason[..4096] : reason, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<LedgerEntry?> GetAsync(LedgerKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        var table = await tables.GetTableAsync(tables.Names.Ledger, cancellationToken);
        var row = await ReadAsync(table, key, cancellationToken);
        return row is null
            ? null
            : new LedgerEntry(
                key,
                Enum.Parse<LedgerStatus>(row.GetString("Status")),
                row.GetString("TargetId"),
                row.GetInt32("Attempts") ?? 0,
                row.GetDateTimeOffset("FirstAttemptUtc") ?? default,
                row.GetDateTimeOffset("LastAttemptUtc") ?? default,
                row.GetString("LastError"));
    }

    /// <summary>The partition key for a ledger key (exposed for tests and operators).</summary>
    /// <param name="key">The ledger key.</param>
    /// <returns>The partition key.</returns>
    public static string PartitionKeyFor(LedgerKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return TableKeys.Compose(key.ConnectionId, key.SourceSystem, Bucket(key.SourceId).ToString("D2", CultureInfo.InvariantCulture));
    }

    private static string RowKeyFor(LedgerKey key) => TableKeys.Compose(key.Operation, key.SourceId);

    private static int Bucket(string sourceId)
    {
        // FNV-1a: stable across processes and runtime versions (string.GetHashCode is randomized).
        var hash = 2166136261u;
        foreach (var c in sourceId)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % PartitionBuckets);
    }

    private static TableEntity NewRow(LedgerKey key, DateTimeOffset now, string token) => new(PartitionKeyFor(key), RowKeyFor(key))
    {
        ["ConnectionId"] = key.ConnectionId,
        ["SourceSystem"] = key.SourceSystem,
        ["SourceId"] = key.SourceId,
        ["Operation"] = key.Operation,
        ["Status"] = nameof(LedgerStatus.InProgress),
        ["Attempts"] = 1,
        ["FirstAttemptUtc"] = now,
        ["LastAttemptUtc"] = now,
        ["ClaimToken"] = token,
    };

    private static Task<TableEntity?> ReadAsync(TableClient table, LedgerKey key, CancellationToken cancellationToken) =>
        table.GetEntityOrNullAsync<TableEntity>(PartitionKeyFor(key), RowKeyFor(key), cancellationToken: cancellationToken);

    private async Task FinishAsync(LedgerClaim claim, LedgerStatus status, string? targetId, string? error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        if (claim.Decision != LedgerDecision.Claimed || claim.ClaimToken is null)
        {
            throw new InvalidOperationException($"Only a claimed ledger entry can be finished; {claim.Key} was {claim.Decision}.");
        }

        var table = await tables.GetTableAsync(tables.Names.Ledger, cancellationToken);
        var row = await ReadAsync(table, claim.Key, cancellationToken);
        if (row is null || row.GetString("ClaimToken") != claim.ClaimToken)
        {
            throw new ConnectorException("ledger", ErrorKind.Conflict, $"The ledger claim on {claim.Key} was taken over by another run.");
        }

        row["Status"] = status.ToString();
        row["LastAttemptUtc"] = timeProvider.GetUtcNow();
        row["TargetId"] = targetId ?? row.GetString("TargetId");
        row["LastError"] = error;
        try
        {
            await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.PreconditionFailed)
        {
            throw new ConnectorException("ledger", ErrorKind.Conflict, $"The ledger claim on {claim.Key} was taken over by another run.", innerException: ex);
        }
    }
}
