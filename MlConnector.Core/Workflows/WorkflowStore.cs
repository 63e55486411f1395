using Azure;
using Azure.Data.Tables;
using MlConnector.Core.Storage;

namespace MlConnector.Core.Workflows;

/// <summary>
/// Table Storage access for workflow instances: one partition per instance holding its state row, its history rows
/// and its event inbox, so instances never contend with each other.
/// </summary>
/// <param name="tables">The table provider; the table is <see cref="StorageNames.Workflows"/>.</param>
internal sealed class WorkflowStore(TableProvider tables)
{
    public static string PartitionFor(string instanceId) => TableKeys.Escape(instanceId);

    public Task<TableClient> GetTableAsync(CancellationToken cancellationToken = default) =>
        tables.GetTableAsync(tables.Names.Workflows, cancellationToken);

    /// <summary>Inserts a new instance row; false when one with that id exists (409), which makes starts race-safe.</summary>
    public async Task<bool> TryAddInstanceAsync(WorkflowInstanceRow row, CancellationToken cancellationToken = default)
    {
        var table = await GetTableAsync(cancellationToken);
        try
        {
            var response = await table.AddEntityAsync(row, cancellationToken);
            row.ETag = response.Headers.ETag ?? default;
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.Conflict)
        {
            return false;
        }
    }

    public async Task<WorkflowInstanceRow?> GetInstanceAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        var table = await GetTableAsync(cancellationToken);
        var response = await table.GetEntityIfExistsAsync<WorkflowInstanceRow>(PartitionFor(instanceId), WorkflowInstanceRow.Key, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>Replaces the instance row if its ETag still matches; false on 412 (someone else wrote it).</summary>
    public async Task<bool> TryReplaceInstanceAsync(WorkflowInstanceRow row, CancellationToken cancellationToken = default)
    {
        var table = await GetTableAsync(cancellationToken);
        try
        {
            var response = await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
            row.ETag = response.Headers.ETag ?? default;
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is (int)HttpStatusCode.PreconditionFailed or (int)HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    /// <summary>
    /// Appends one history row, optionally deletes the inbox row it consumed, and replaces the instance row, in one
    /// entity-group transaction fenced by the instance row's ETag; false when the ETag no longer matches.
    /// </summary>
    public async Task<bool> TryCommitAsync(WorkflowInstanceRow row, WorkflowHistoryRow history, string? consumedEventRowKey, CancellationToken cancellationToken = default)
    {
        var table = await GetTableAsync(cancellationToken);
        var actions = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.Add, history),
            new(TableTransactionActionType.UpdateReplace, row, row.ETag),
        };
        if (consumedEventRowKey is not null)
        {
            actions.Add(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(row.PartitionKey, consumedEventRowKey), ETag.All));
        }

        try
        {
            var response = await table.SubmitTransactionAsync(actions, cancellationToken);
            row.ETag = response.Value[1].Headers.ETag ?? default;
            return true;
        }
        catch (TableTransactionFailedException ex) when (ex.Status is (int)HttpStatusCode.PreconditionFailed or (int)HttpStatusCode.Conflict or (int)HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    public async Task<List<WorkflowHistoryRow>> ReadHistoryAsync(string partitionKey, CancellationToken cancellationToken = default)
    {
        var table = await GetTableAsync(cancellationToken);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey} and RowKey ge {WorkflowHistoryRow.KeyPrefix} and RowKey lt {"h."}");
        var rows = new List<WorkflowHistoryRow>();
        await foreach (var row in table.QueryAsync<WorkflowHistoryRow>(filter, cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        rows.Sort((a, b) => a.Index.CompareTo(b.Index));
        return rows;
    }

    public async Task<List<WorkflowEventRow>> ReadInboxAsync(string partitionKey, CancellationToken cancellationToken = default)
    {
        var table = await GetTableAsync(cancellationToken);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey} and RowKey ge {WorkflowEventRow.KeyPrefix} and RowKey lt {"e."}");
        var rows = new List<WorkflowEventRow>();
        await foreach (var row in table.QueryAsync<WorkflowEventRow>(filter, cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        rows.Sort((a, b) => string.CompareOrdinal(a.RowKey, b.RowKey));
        return rows;
    }

    public async Task AddEventAsync(WorkflowEventRow row, CancellationToken cancellationToken = default)
    {
        var table = await GetTableAsync(cancellationToken);
        await table.AddEntityAsync(row, cancellationToken);
    }

    /// <summary>Active instances whose wake time has come (a cross-partition scan of state rows; fine for one machine).</summary>
    public async Task<List<WorkflowInstanceRow>> QueryDueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken = default)
    {
        var filter = TableClient.CreateQueryFilter($"RowKey eq {WorkflowInstanceRow.Key} and Active eq {true} and NextWakeUtc le {now}");
        return await QueryInstancesAsync(filter, max, cancellationToken);
    }

    public async Task<List<WorkflowInstanceRow>> QueryInstancesAsync(string filter, int max, CancellationToken cancellationToken = default)
    {
        var table = await GetTableAsync(cancellationToken);
        var rows = new List<WorkflowInstanceRow>();
        await foreach (var row in table.QueryAsync<WorkflowInstanceRow>(filter, maxPerPage: Math.Min(max, 1000), cancellationToken: cancellationToken))
        {
            rows.Add(row);
            if (rows.Count >= max)
            {
                break;
            }
        }

        return rows;
    }
}
