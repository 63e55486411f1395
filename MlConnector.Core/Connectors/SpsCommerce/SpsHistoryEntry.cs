namespace MlConnector.Core.Connectors.SpsCommerce;

/// <summary>
/// One entry of <c>GET /transactions/v5/history</c> as ml-connector reads it. SPS publishes no shape for the history
/// (PROTOCOL-NOTES §6, "Not found"), so this is an assumption, the one the sandbox simulator serves: a <c>results[]</c> array of
/// <c>{path, direction, status, tradingPartnerId, documentNumber, detail}</c>, where <c>status</c> <c>accepted</c> means SPS
/// took an upload and <c>rejected</c> means the trading partner refused it after that.
/// </summary>
/// <param name="Path">The document's path, for example <c>in/IN-SPSALLTESTID-1001.json</c> (no leading <c>/</c>).</param>
/// <param name="Status">The status as SPS spelled it, for example <c>accepted</c> or <c>rejected</c>.</param>
/// <param name="TradingPartnerId">The trading partner, if given.</param>
/// <param name="DocumentNumber">The document's number (invoice, ASN or PO number), if given.</param>
/// <param name="Detail">The reason or note, if given.</param>
public sealed record SpsHistoryEntry(string Path, string Status, string? TradingPartnerId, string? DocumentNumber, string? Detail)
{
    /// <summary>The <see cref="Status"/> of a document a trading partner refused after SPS accepted it.</summary>
    public const string Rejected = "rejected";

    /// <summary>True when the trading partner rejected the document.</summary>
    public bool IsRejected => string.Equals(Status, Rejected, StringComparison.OrdinalIgnoreCase);
}
