using System.Text.Json;
using Azure.Data.Tables;
using MlConnector.Core.Connections;
using MlConnector.Core.Storage;

namespace MlConnector.Tests.Connections;

/// <summary>
/// Writes a connection the way the version before the unique-setting index wrote it (e46fa8e's
/// <c>TableConnectionStore.ToEntity</c>): the connection row only, straight through the table client, no index row.
/// </summary>
internal static class LegacyConnectionRow
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task WriteAsync(TableProvider tables, Connection connection)
    {
        var table = await tables.GetTableAsync(tables.Names.Connections);
        await table.AddEntityAsync(new TableEntity(TableKeys.Escape(connection.Id), "connection")
        {
            ["Id"] = connection.Id,
            ["Kind"] = connection.Kind,
            ["DisplayName"] = connection.DisplayName,
            ["SettingsJson"] = JsonSerializer.Serialize(connection.Settings, Json),
            ["SchedulesJson"] = JsonSerializer.Serialize(connection.Schedules, Json),
            ["Paused"] = connection.Paused,
            ["PausedReason"] = connection.PausedReason,
            ["CreatedUtc"] = connection.CreatedUtc,
            ["UpdatedUtc"] = connection.UpdatedUtc,
            ["MappingsChunks"] = 0,
        });
    }
}
