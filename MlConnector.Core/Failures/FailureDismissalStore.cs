using Azure.Data.Tables;
using MlConnector.Core.Storage;

namespace MlConnector.Core.Failures;

/// <summary>
/// Failures an operator dismissed (with a reason), in the <see cref="StorageNames.FailureDismissals"/> table: partition =
/// connection (or <c>_</c>), row = the escaped instance id. A dismissed failure leaves the failure queue and its alerts.
/// </summary>
/// <param name="tables">The table provider.</param>
public sealed class FailureDismissalStore(TableProvider tables)
{
    private const string NoConnection = "_";

    /// <summary>Records a dismissal (a second one replaces the first).</summary>
    /// <param name="connectionId">The connection, if any.</param>
    /// <param name="instanceId">The failed instance.</param>
    /// <param name="reason">Why.</param>
    /// <param name="actor">Who.</param>
    /// <param name="dismissedUtc">When.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when stored.</returns>
    public async Task DismissAsync(string? connectionId, string instanceId, string reason, string actor, DateTimeOffset dismissedUtc, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetTableAsync(tables.Names.FailureDismissals, cancellationToken);
        await table.UpsertEntityAsync(
            new TableEntity(Partition(connectionId), TableKeys.Escape(instanceId)) { ["Reason"] = reason, ["Actor"] = actor, ["DismissedUtc"] = dismissedUtc },
            TableUpdateMode.Replace,
            cancellationToken);
    }

    /// <summary>The dismissed instance ids of a connection (or of all connections).</summary>
    /// <param name="connectionId">The connection, or null for all.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The instance ids.</returns>
    public async Task<IReadOnlySet<string>> ListAsync(string? connectionId, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetTableAsync(tables.Names.FailureDismissals, cancellationToken);
        var filter = connectionId is null ? null : TableClient.CreateQueryFilter($"PartitionKey eq {Partition(connectionId)}");
        var ids = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var e in table.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            ids.Add(TableKeys.Unescape(e.RowKey));
        }

        return ids;
    }

    private static string Partition(string? connectionId) => connectionId is null ? NoConnection : TableKeys.Escape(connectionId);
}
