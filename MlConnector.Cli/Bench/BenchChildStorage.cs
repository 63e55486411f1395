using Azure;
using Azure.Data.Tables;
using MlConnector.Core.Storage;

namespace MlConnector.Cli.Bench;

/// <summary>
/// Storage of its own for a measured <c>serve</c> child: an Azurite process (the project's <see cref="AzuriteEmulator"/>)
/// on its own loopback ports and data folder, holding copies of the source storage's connections, encrypted secrets and
/// token state, so the child routes and verifies deliveries as the source host does (the secrets decrypt because the child
/// is given the same key-ring directory) while no other work competes for its storage. Dispose stops the emulator and
/// deletes the folder.
/// </summary>
internal sealed class BenchChildStorage : IAsyncDisposable
{
    /// <summary>Starts of the emulator tried before the failure is reported.</summary>
    private const int StartAttempts = 3;

    private readonly AzuriteEmulator _azurite;
    private readonly string _folder;

    private BenchChildStorage(AzuriteEmulator azurite, string folder)
    {
        _azurite = azurite;
        _folder = folder;
    }

    /// <summary>The connection string of the child's emulator (the well-known development account; not a secret).</summary>
    public string ConnectionString => _azurite.ConnectionString;

    /// <summary>Starts the emulator and copies the connection, secret and token tables from <paramref name="sourceConnectionString"/>.</summary>
    /// <param name="sourceConnectionString">The storage the source host runs on.</param>
    /// <param name="tablePrefix">The <see cref="StorageOptions.TablePrefix"/> both use.</param>
    /// <param name="cancellationToken">Cancels the start and the copy.</param>
    /// <returns>The running storage, and how many rows were copied.</returns>
    /// <exception cref="InvalidOperationException">When Azurite exited before its ports opened, three times (its output is in the message).</exception>
    public static async Task<(BenchChildStorage Storage, int RowsCopied)> StartAsync(string sourceConnectionString, string tablePrefix, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(Path.GetTempPath(), "mlconnector-bench-azurite-" + Guid.NewGuid().ToString("N")[..8]);
        AzuriteEmulator azurite;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                azurite = await AzuriteEmulator.StartAsync(folder, AzuriteLayout.ProcessPerService, cancellationToken);
                break;
            }
            catch (InvalidOperationException) when (attempt < StartAttempts)
            {
                // It exited before its ports opened: on a shared machine another process can take a port between the
                // search for free ones and Azurite's bind. New ports are found on each start.
            }
        }

        var storage = new BenchChildStorage(azurite, folder);
        try
        {
            var (source, target) = (new TableServiceClient(sourceConnectionString), new TableServiceClient(azurite.ConnectionString));
            var names = new StorageNames(tablePrefix);
            var copied = 0;
            foreach (var table in new[] { names.Connections, names.Secrets, names.Tokens })
            {
                var to = target.GetTableClient(table);
                await to.CreateIfNotExistsAsync(cancellationToken);
                try
                {
                    await foreach (var row in source.GetTableClient(table).QueryAsync<TableEntity>(cancellationToken: cancellationToken))
                    {
                        await to.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
                        copied++;
                    }
                }
                catch (RequestFailedException ex) when (ex.Status == 404)
                {
                    // The source host never wrote this table (no token state yet): nothing to copy.
                }
            }

            return (storage, copied);
        }
        catch
        {
            await storage.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops the emulator and deletes its data folder.</summary>
    /// <returns>A task that completes when both are done.</returns>
    public async ValueTask DisposeAsync()
    {
        await _azurite.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by the dying emulator: the temp folder is cleaned by the system.
        }
    }
}
