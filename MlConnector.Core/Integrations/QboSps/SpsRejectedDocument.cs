namespace MlConnector.Core.Integrations.QboSps;

/// <summary>An outbound document a trading partner rejected after SPS accepted it: workflow input (ids and the partner's reason).</summary>
/// <param name="ConnectionId">The connection.</param>
/// <param name="Path">The SPS path of the rejected upload, for example <c>in/IN-SPSALLTESTID-1001.json</c>.</param>
/// <param name="TradingPartnerId">The partner that rejected it.</param>
/// <param name="DocumentNumber">The invoice or ASN number (both are the QBO invoice's DocNumber), if SPS gave it.</param>
/// <param name="Reason">The partner's reason as SPS reported it, if any.</param>
public sealed record SpsRejectedDocument(string ConnectionId, string Path, string? TradingPartnerId, string? DocumentNumber, string? Reason);
