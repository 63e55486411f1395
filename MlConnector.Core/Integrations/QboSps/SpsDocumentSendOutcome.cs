using MlConnector.Core.Connectors.QuickBooksOnline;

namespace MlConnector.Core.Integrations.QboSps;

/// <summary>What <see cref="SpsDocumentSender"/> did with one invoice's document.</summary>
/// <param name="Invoice">The invoice as read from QBO, or null when it no longer exists.</param>
/// <param name="Partner">The trading partner, when the invoice is linked and ready.</param>
/// <param name="Number">The document number, when built.</param>
/// <param name="Path">The SPS path, when sent (now or before).</param>
/// <param name="Uploaded">True when this call uploaded it.</param>
/// <param name="Note">Why nothing was sent, if so.</param>
public sealed record SpsDocumentSendOutcome(QboInvoice? Invoice, string? Partner, string? Number, string? Path, bool Uploaded, string? Note = null);
