using Azure;
using Azure.Data.Tables;
using MlConnector.Core.Storage;

namespace MlConnector.Core.Alerts;

/// <summary>
/// Open alert incidents in the <see cref="StorageNames.Alerts"/> table (partition = connection, row = rule): a row is
/// written once, with an insert that fails when it exists, before the alert is delivered, so two evaluators on two
/// instances deliver an incident once; deleting the row when the condition clears re-arms the rule.
/// </summary>
/// <param name="tables">The table provider.</param>
/// <param name="timeProvider">The clock.</param>
public sealed class AlertIncidentStore(TableProvider tables, TimeProvider timeProvider)
{
    /// <summary>Opens an incident.</summary>
    /// <param name="alert">The alert.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>True when opened now; false when it was already open.</returns>
    public async Task<bool> TryOpenAsync(Alert alert, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var table = await tables.GetTableAsync(tables.Names.Alerts, cancellationToken);
        try
        {
            await table.AddEntityAsync(new TableEntity(TableKeys.Escape(alert.ConnectionId), alert.Rule) { ["Text"] = alert.Text, ["OpenedUtc"] = timeProvider.GetUtcNow() }, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    /// <summary>The open incidents' rules of a connection.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The rules.</returns>
    public async Task<IReadOnlySet<string>> ListOpenAsync(string connectionId, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetTableAsync(tables.Names.Alerts, cancellationToken);
        var rules = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var e in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {TableKeys.Escape(connectionId)}"), select: ["RowKey"], cancellationToken: cancellationToken))
        {
            rules.Add(e.RowKey);
        }

        return rules;
    }

    /// <summary>Closes an incident (re-arms its rule).</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="rule">The rule.</param>
    /// <param name="cancellationToken">Cancels the delete.</param>
    /// <returns>A task that completes when closed.</returns>
    public async Task CloseAsync(string connectionId, string rule, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetTableAsync(tables.Names.Alerts, cancellationToken);
        await table.DeleteEntityAsync(TableKeys.Escape(connectionId), rule, ETag.All, cancellationToken);
    }
}
