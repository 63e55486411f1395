using Azure;
using Azure.Storage.Blobs;
using MlConnector.Core.Storage;

namespace MlConnector.Core.Integrations.QboSps;

/// <summary>
/// Keeps every inbound SPS document's original bytes in blob storage (<c>sps/{connectionId}/{path}</c>), so a
/// quarantined or failed document is replayed from exactly what SPS sent, and a replay reads no second copy from SPS.
/// </summary>
/// <param name="blobs">The app's blob container.</param>
public sealed class SpsDocumentArchive(BlobContainerProvider blobs)
{
    /// <summary>The blob name of a document.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="path">The SPS path.</param>
    /// <returns>The blob name.</returns>
    public static string BlobName(string connectionId, string path) => $"sps/{connectionId}/{path.TrimStart('/')}";

    /// <summary>Returns the stored bytes, or downloads them once and stores them first.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="path">The SPS path.</param>
    /// <param name="downloadAsync">Downloads the document from SPS.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The original bytes.</returns>
    public async Task<byte[]> GetOrDownloadAsync(string connectionId, string path, Func<CancellationToken, Task<byte[]>> downloadAsync, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(downloadAsync);
        var container = await blobs.GetAsync(cancellationToken);
        var blob = container.GetBlobClient(BlobName(connectionId, path));
        try
        {
            var stored = await blob.DownloadContentAsync(cancellationToken);
            return stored.Value.Content.ToArray();
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            var bytes = await downloadAsync(cancellationToken);
            try
            {
                await blob.UploadAsync(BinaryData.FromBytes(bytes), overwrite: false, cancellationToken);
            }
            catch (RequestFailedException race) when (race.Status == 409)
            {
                // Another run stored it first: the same document.
            }

            return bytes;
        }
    }
}
