using Azure.Data.Tables;
using MlConnector.Core.Storage;

namespace MlConnector.Core.Integrations.QbdShipStation;

/// <summary>Each connection's last inventory report (table <c>{prefix}QbdShipStation</c>, partition <c>inventory</c>, row = escaped connection id).</summary>
/// <param name="tables">The table provider.</param>
public sealed class QbdInventoryStore(TableProvider tables)
{
    private const string Partition = "inventory";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Stores a report over the previous one.</summary>
    /// <param name="report">The report.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when stored.</returns>
    public async Task SaveAsync(QbdInventoryReport report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        var table = await tables.GetTableAsync(tables.Names.QbdShipStation, cancellationToken);
        await table.UpsertEntityAsync(new TableEntity(Partition, TableKeys.Escape(report.ConnectionId)) { ["ReportJson"] = JsonSerializer.Serialize(report, Json) }, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>The last report.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The report, or one with a null time when none ran.</returns>
    public async Task<QbdInventoryReport> GetAsync(string connectionId, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetTableAsync(tables.Names.QbdShipStation, cancellationToken);
        var row = await table.GetEntityOrNullAsync<TableEntity>(Partition, TableKeys.Escape(connectionId), cancellationToken: cancellationToken);
        return row?.GetString("ReportJson") is { } json
            ? JsonSerializer.Deserialize<QbdInventoryReport>(json, Json)!
            : new QbdInventoryReport(connectionId, null, 0, 0, []);
    }
}
