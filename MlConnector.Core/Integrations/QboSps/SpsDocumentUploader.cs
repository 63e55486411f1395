using System.Security.Cryptography;
using MlConnector.Core.Connectors.SpsCommerce;
using MlConnector.Core.Idempotency;

namespace MlConnector.Core.Integrations.QboSps;

/// <summary>
/// Uploads an outbound RSX document (810, 856) to SPS <c>data/in/</c> at most once per ledger key. SPS takes no idempotency
/// key and documents no way to ask what was uploaded (PROTOCOL-NOTES §6), so the idempotency ledger is the record; when an
/// earlier attempt of the same key failed without recording an answer (for example the upload's response was lost after
/// SPS stored the file), the retry first looks for the file's path in <c>GET /transactions/v5/history</c> (shape assumed,
/// see <see cref="SpsHistoryEntry"/>) and uploads only when SPS does not list it. The bytes are kept in the document archive
/// (<c>sps/{connectionId}/in/{file}</c>) before they are sent, so what a partner later rejects can be compared and replayed.
/// </summary>
/// <param name="sps">The SPS client.</param>
/// <param name="ledger">The idempotency ledger.</param>
/// <param name="archive">The document archive.</param>
public sealed class SpsDocumentUploader(ISpsCommerceClient sps, IIdempotencyLedger ledger, SpsDocumentArchive archive)
{
    /// <summary>An SPS file name for an outbound document: <c>{prefix}-{partner}-{number}.json</c>.</summary>
    /// <param name="prefix">The document's prefix, for example <c>IN</c> (810) or <c>SH</c> (856).</param>
    /// <param name="partner">The trading partner.</param>
    /// <param name="number">The document number.</param>
    /// <returns>The name; characters SPS file names do not take (anything but letters, digits, <c>.</c>, <c>-</c>, <c>_</c>) become <c>_</c>.</returns>
    public static string FileName(string prefix, string partner, string number) =>
        new string($"{prefix}-{partner}-{number}.json".Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_').ToArray());

    /// <summary>Uploads the document unless the key was uploaded before (see the class summary).</summary>
    /// <param name="key">The ledger key: connection, source system, partner/document number, operation.</param>
    /// <param name="fileName">The SPS file name (deterministic per key, so a history lookup can find it).</param>
    /// <param name="content">The validated RSX bytes.</param>
    /// <param name="description">The <c>sps-meta-description</c>.</param>
    /// <param name="resend">True to send a corrected document after a partner rejected the first: the key and file name
    /// gain the first 12 hex characters of the content's SHA-256 (<c>IN-P-1001-0123456789ab.json</c>), so each distinct
    /// correction is uploaded once, and the rejected original is not what the ledger finds.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The SPS path (<c>in/{fileName}</c>) and whether this call uploaded it.</returns>
    /// <exception cref="Errors.ConnectorException">SPS refused the upload, or failed; the ledger row is left failed for a retry.</exception>
    public async Task<IdempotentWriteResult> UploadOnceAsync(LedgerKey key, string fileName, byte[] content, string description, bool resend = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        ArgumentNullException.ThrowIfNull(content);
        if (resend)
        {
            var digest = Convert.ToHexStringLower(SHA256.HashData(content))[..12];
            key = key with { SourceId = $"{key.SourceId}/{digest}" };
            fileName = $"{Path.GetFileNameWithoutExtension(fileName)}-{digest}{Path.GetExtension(fileName)}";
        }

        var path = "in/" + fileName;
        return await ledger.ExecuteOnceAsync(
            key,
            async ct => (await ledger.GetAsync(key, ct))?.Attempts > 1
                && (await sps.GetHistoryAsync(key.ConnectionId, ct)).Entries().Any(e => e.Path == path) ? path : null,
            async ct =>
            {
                await archive.GetOrDownloadAsync(key.ConnectionId, path, _ => Task.FromResult(content), ct);
                return (await sps.UploadAsync(key.ConnectionId, fileName, content, description, ct)).Path;
            },
            cancellationToken);
    }
}
