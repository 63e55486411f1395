using System.Collections.Concurrent;
using Azure.Data.Tables;

namespace MlConnector.Core.Storage;

/// <summary>
/// Hands out <see cref="TableClient"/>s for ml-connector's tables, creating each table once per process on first use.
/// </summary>
/// <param name="service">The table service (Azure Storage or Azurite).</param>
/// <param name="names">The prefixed table names.</param>
public sealed class TableProvider(TableServiceClient service, StorageNames names)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<TableClient>>> _tables = new(StringComparer.Ordinal);

    /// <summary>The table names this provider serves.</summary>
    public StorageNames Names => names;

    /// <summary>Returns a client for <paramref name="tableName"/>, creating the table if it does not exist yet.</summary>
    /// <param name="tableName">One of <see cref="StorageNames"/>' tables.</param>
    /// <param name="cancellationToken">Cancels the first creation call.</param>
    /// <returns>The table client.</returns>
    /// <exception cref="Azure.RequestFailedException">When the storage account cannot be reached or refuses the request.</exception>
    public async Task<TableClient> GetTableAsync(string tableName, CancellationToken cancellationToken = default)
    {
        var lazy = _tables.GetOrAdd(tableName, name => new Lazy<Task<TableClient>>(async () =>
        {
            var client = service.GetTableClient(name);
            await client.CreateIfNotExistsAsync(CancellationToken.None);
            return client;
        }));

        try
        {
            return await lazy.Value.WaitAsync(cancellationToken);
        }
        catch (Exception) when (lazy.Value.IsFaulted)
        {
            // Let the next caller try again rather than caching a failure for the life of the process.
            _tables.TryRemove(new KeyValuePair<string, Lazy<Task<TableClient>>>(tableName, lazy));
            throw;
        }
    }

    /// <summary>Checks that the table service answers, for health reporting.</summary>
    /// <param name="cancellationToken">Cancels the probe.</param>
    /// <returns>Null when reachable; otherwise a one-line reason.</returns>
    public async Task<string?> ProbeAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await foreach (var unused in service.QueryAsync(maxPerPage: 1, cancellationToken: cancellationToken).AsPages(pageSizeHint: 1))
            {
                break;
            }

            return null;
        }
        catch (Azure.RequestFailedException ex)
        {
            return $"Table service answered {ex.Status} {ex.ErrorCode}.";
        }
        catch (HttpRequestException ex)
        {
            return "Table service unreachable: " + ex.Message;
        }
    }
}
