using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.QuickBooksOnline;
using MlConnector.Core.Connectors.SpsCommerce.Rsx;
using MlConnector.Core.Errors;

namespace MlConnector.Core.Integrations.QboSps;

/// <summary>
/// Sends a QBO invoice linked to an SPS purchase order (by the PO marker in its <c>PrivateNote</c>, or through the
/// Estimate it bills when the connection posts 850s as estimates) to the trading partner as an RSX 810, exactly once per partner and
/// invoice number: the 810 (<see cref="QboSpsInvoiceMapper"/>, validated against SPS's Invoice schema) through the one
/// send step, <see cref="SpsDocumentSender"/> (partner's required fields, upload once under partner/invoice number, audit).
/// </summary>
/// <param name="sender">The send step.</param>
/// <param name="codec">The RSX codec.</param>
public sealed class SpsInvoiceSender(SpsDocumentSender sender, RsxDocumentCodec codec) : ISpsDocumentBuilder
{
    /// <summary>The audit and ledger operation of an 810 upload.</summary>
    public const string Operation = "sps.810.upload";

    /// <inheritdoc />
    string ISpsDocumentBuilder.Operation => Operation;

    /// <inheritdoc />
    public string DocumentType => "810";

    /// <summary>The SPS file name of an invoice's 810.</summary>
    /// <param name="partner">The trading partner.</param>
    /// <param name="invoiceNumber">The invoice number.</param>
    /// <returns>For example <c>IN-SPSALLTESTID-1001.json</c>; characters SPS file names do not take become <c>_</c>.</returns>
    public static string FileName(string partner, string invoiceNumber) =>
        SpsDocumentUploader.FileName("IN", partner, invoiceNumber);

    /// <summary>Sends the invoice's 810 (see the class summary).</summary>
    /// <param name="invoice">The connection and QBO invoice id.</param>
    /// <param name="workflowInstanceId">The calling workflow instance, if any.</param>
    /// <param name="resend">True to send the invoice's current state as a correction after the partner rejected the
    /// 810 (<see cref="SpsDocumentUploader.UploadOnceAsync"/>).</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>What was sent, or why nothing was.</returns>
    /// <exception cref="ConnectorValidationException">An unmapped item, or a document that breaks SPS's schema.</exception>
    /// <exception cref="ConnectorException">QBO or SPS failed.</exception>
    public async Task<SpsInvoiceSendResult> SendAsync(QboInvoiceRef invoice, string? workflowInstanceId = null, bool resend = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        var sent = await sender.SendAsync(invoice, this, workflowInstanceId, resend, cancellationToken);
        return new SpsInvoiceSendResult(invoice.InvoiceId, sent.Invoice?.DocNumber, sent.Partner, sent.Path, sent.Uploaded, sent.Note);
    }

    /// <inheritdoc />
    public string? NotReadyNote(QboInvoice invoice) => null;

    /// <inheritdoc />
    public async Task<SpsOutboundDocument> BuildAsync(Connection connection, QboInvoice invoice, string partner, string purchaseOrderNumber, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        var document = QboSpsInvoiceMapper.ToRsx(connection, invoice, partner, purchaseOrderNumber);
        var bytes = await codec.WrapAsync(RsxDocumentType.Invoice, document, RsxJsonContext.Default.RsxInvoice, cancellationToken);
        return new SpsOutboundDocument(
            invoice.DocNumber!,
            bytes,
            FileName(partner, invoice.DocNumber!),
            $"810 {invoice.DocNumber} for PO {purchaseOrderNumber}",
            $"{document.LineItem?.Count ?? 0} lines, total {document.Summary?.TotalAmount}");
    }
}
