using Azure.Storage.Blobs;

namespace MlConnector.Core.Storage;

/// <summary>
/// ml-connector's blob container, created on first use (once per process; a failed creation is tried again by the next
/// caller rather than cached), the way <see cref="TableProvider"/> does for tables.
/// </summary>
/// <param name="container">The container client (<see cref="StorageNames.BlobContainer"/>).</param>
public sealed class BlobContainerProvider(BlobContainerClient container)
{
    private readonly CreatedOnce _created = new();

    /// <summary>Returns the container, creating it first if this process has not yet.</summary>
    /// <param name="cancellationToken">Cancels the wait (not the creation, which other callers may share).</param>
    /// <returns>The container client.</returns>
    /// <exception cref="Azure.RequestFailedException">When the storage account refuses the creation.</exception>
    public async Task<BlobContainerClient> GetAsync(CancellationToken cancellationToken = default)
    {
        await _created.WaitAsync(() => container.CreateIfNotExistsAsync(cancellationToken: CancellationToken.None), cancellationToken);
        return container;
    }
}
