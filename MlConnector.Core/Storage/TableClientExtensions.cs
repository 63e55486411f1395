using Azure.Data.Tables;

namespace MlConnector.Core.Storage;

/// <summary>The one "row or nothing" point read every table store uses.</summary>
public static class TableClientExtensions
{
    /// <summary>
    /// Reads one row by its keys (a point read: Table Storage and Azurite answer it from the key index, never by a scan).
    /// </summary>
    /// <typeparam name="T">The entity type.</typeparam>
    /// <param name="table">The table.</param>
    /// <param name="partitionKey">The row's PartitionKey, already escaped (<see cref="TableKeys.Escape"/>).</param>
    /// <param name="rowKey">The row's RowKey, already escaped.</param>
    /// <param name="select">The properties to read, or null for all; with a <see cref="TableEntity"/>, <c>["PartitionKey"]</c>
    /// reads no property and only tells whether the row exists.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The row with its ETag, or null when there is none (Azure answers 404, which
    /// <see cref="TableClient.GetEntityIfExistsAsync{T}"/> turns into a response without a value).</returns>
    /// <exception cref="Azure.RequestFailedException">When the service fails otherwise (the table is missing, 5xx, …).</exception>
    public static async Task<T?> GetEntityOrNullAsync<T>(this TableClient table, string partitionKey, string rowKey, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
        where T : class, ITableEntity
    {
        ArgumentNullException.ThrowIfNull(table);
        var response = await table.GetEntityIfExistsAsync<T>(partitionKey, rowKey, select, cancellationToken);
        return response.HasValue ? response.Value : null;
    }
}
