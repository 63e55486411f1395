namespace MlConnector.Core.Integrations.QboSps;

/// <summary>What became of one QBO invoice's ship notice on the way to SPS (ids only).</summary>
/// <param name="InvoiceId">The QBO Invoice id.</param>
/// <param name="AsnNumber">The ASN number (<c>ShipmentIdentification</c>), when a notice was built.</param>
/// <param name="TradingPartnerId">The partner it went to, when linked to an SPS PO.</param>
/// <param name="Path">The SPS path of the 856, when sent.</param>
/// <param name="Uploaded">True when this call uploaded it; false when it was sent before, or there is nothing to send.</param>
/// <param name="Note">Why nothing was sent, if so.</param>
public sealed record SpsShipNoticeSendResult(string InvoiceId, string? AsnNumber, string? TradingPartnerId, string? Path, bool Uploaded, string? Note = null);
