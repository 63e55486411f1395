using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.QuickBooksOnline;

namespace MlConnector.Core.Integrations.QboSps;

/// <summary>
/// One outbound RSX document type built from a QBO invoice (the 810 of <see cref="SpsInvoiceSender"/>, the 856 of
/// <see cref="SpsShipNoticeSender"/>): what <see cref="SpsDocumentSender"/> needs besides the shared read, check, upload and
/// audit.
/// </summary>
public interface ISpsDocumentBuilder
{
    /// <summary>The audit and ledger operation, for example <c>sps.810.upload</c>.</summary>
    string Operation { get; }

    /// <summary>The X12 document type, for example <c>810</c>: what the partner's required fields are looked up by.</summary>
    string DocumentType { get; }

    /// <summary>Why a linked invoice has nothing to send yet, or null when it has.</summary>
    /// <param name="invoice">The invoice as read from QBO.</param>
    /// <returns>The note to audit, or null.</returns>
    string? NotReadyNote(QboInvoice invoice);

    /// <summary>Builds and wraps the document (schema-validated RSX bytes).</summary>
    /// <param name="connection">The connection.</param>
    /// <param name="invoice">The invoice as read from QBO.</param>
    /// <param name="partner">The trading partner.</param>
    /// <param name="purchaseOrderNumber">The SPS purchase order number the invoice bills.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The document.</returns>
    /// <exception cref="Errors.ConnectorValidationException">An unmapped item, or a document that breaks SPS's schema.</exception>
    Task<SpsOutboundDocument> BuildAsync(Connection connection, QboInvoice invoice, string partner, string purchaseOrderNumber, CancellationToken cancellationToken = default);
}
