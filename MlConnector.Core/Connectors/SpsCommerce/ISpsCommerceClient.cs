namespace MlConnector.Core.Connectors.SpsCommerce;

/// <summary>
/// The SPS Commerce Transaction API v5 (<c>https://api.spscommerce.com/transactions/v5/</c>; PROTOCOL-NOTES §6, from the
/// ShipStream SDK's <c>TransactionApi.php</c> and <c>test/fixtures/transactions.json</c>): documents from trading partners
/// wait in <c>data/out/</c>, documents to them are posted to <c>data/in/</c>. Every call is for one connection, whose
/// client-credentials token and rate budget it spends.
/// </summary>
/// <remarks>
/// Errors are <see cref="Errors.ConnectorException"/>s classified from SPS's RFC 7807 bodies. SPS has no idempotency keys:
/// an upload is never resent by the HTTP layer unless SPS refused it with 429; callers dedupe by document number before
/// uploading.
/// </remarks>
public interface ISpsCommerceClient
{
    /// <summary>Lists one page of <c>data/out/</c> (<c>GET …/data/out/?limit={PageSize}&amp;cursor={cursor}</c>).</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="cursor">The cursor from the previous page's <see cref="SpsTransactionPage.NextCursor"/>, or <see langword="null"/> for the first page.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page.</returns>
    Task<SpsTransactionPage> ListOutboxAsync(string connectionId, string? cursor = null, CancellationToken cancellationToken = default);

    /// <summary>Downloads a document (<c>GET …/data/{path}</c>) exactly as SPS holds it (a UTF-8 BOM or CRLF kept).</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="path">The path from a listing, for example <c>out/PO1.json</c> (a leading <c>/</c> is accepted).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The document's bytes.</returns>
    /// <exception cref="ArgumentException">When <paramref name="path"/> is not under <c>out/</c> or <c>in/</c>, or climbs with <c>..</c>.</exception>
    Task<byte[]> DownloadAsync(string connectionId, string path, CancellationToken cancellationToken = default);

    /// <summary>
    /// Uploads a document to <c>data/in/{fileName}</c> as <c>application/octet-stream</c>, with <c>sps-meta-description</c>
    /// when <paramref name="description"/> is given.
    /// </summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="fileName">The file name (letters, digits, <c>.</c>, <c>-</c>, <c>_</c>).</param>
    /// <param name="content">The RSX document.</param>
    /// <param name="description">A short description SPS keeps with the file, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Where it went.</returns>
    Task<SpsUploadReceipt> UploadAsync(string connectionId, string fileName, byte[] content, string? description = null, CancellationToken cancellationToken = default);

    /// <summary>Acknowledges (removes) a document (<c>DELETE …/data/{path}</c>); one already gone (404) counts as removed.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="path">The path from a listing.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when SPS has removed it.</returns>
    Task DeleteAsync(string connectionId, string path, CancellationToken cancellationToken = default);

    /// <summary>Reads the interaction history (<c>GET /transactions/v5/history</c>).</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The history as SPS sent it.</returns>
    Task<SpsHistory> GetHistoryAsync(string connectionId, CancellationToken cancellationToken = default);
}
