namespace MlConnector.Core.Integrations.QboSps;

/// <summary>What became of one QBO invoice on the way to SPS (ids only).</summary>
/// <param name="InvoiceId">The QBO Invoice id.</param>
/// <param name="InvoiceNumber">The invoice number (QBO DocNumber), if the invoice was read.</param>
/// <param name="TradingPartnerId">The partner it went to, when linked to an SPS PO.</param>
/// <param name="Path">The SPS path of the 810, when sent.</param>
/// <param name="Uploaded">True when this call uploaded it; false when it was sent before or is not for SPS.</param>
/// <param name="Note">Why nothing was sent, if so.</param>
public sealed record SpsInvoiceSendResult(string InvoiceId, string? InvoiceNumber, string? TradingPartnerId, string? Path, bool Uploaded, string? Note = null);
