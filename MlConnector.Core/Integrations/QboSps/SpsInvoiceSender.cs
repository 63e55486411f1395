using MlConnector.Core.Audit;
using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.QuickBooksOnline;
using MlConnector.Core.Connectors.SpsCommerce.Rsx;
using MlConnector.Core.Errors;
using MlConnector.Core.Idempotency;

namespace MlConnector.Core.Integrations.QboSps;

/// <summary>
/// Sends a QBO invoice linked to an SPS purchase order (by the PO marker in its <c>PrivateNote</c>, or through the
/// Estimate it bills when the connection posts 850s as estimates) to the trading partner as an RSX 810, exactly once per partner and
/// invoice number: read the invoice, build the 810, validate it against SPS's Invoice schema and the partner's required fields
/// (<see cref="QboSpsPartnerFields.EnsureRequired"/>; a failure is a data error
/// naming the field, and nothing is sent), then upload through <see cref="SpsDocumentUploader"/> under the ledger key
/// partner/invoice number, so a retry or a lost upload response never sends it twice.
/// </summary>
/// <param name="qbo">The QBO client.</param>
/// <param name="links">Finds the SPS purchase order an invoice bills.</param>
/// <param name="connections">The connection store.</param>
/// <param name="uploader">Uploads once.</param>
/// <param name="codec">The RSX codec.</param>
/// <param name="audit">The audit trail.</param>
public sealed class SpsInvoiceSender(
    IQuickBooksOnlineClient qbo,
    QboSpsInvoiceLinkResolver links,
    IConnectionStore connections,
    SpsDocumentUploader uploader,
    RsxDocumentCodec codec,
    IAuditTrail audit)
{
    /// <summary>The audit and ledger operation of an 810 upload.</summary>
    public const string Operation = "sps.810.upload";

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
        var read = await qbo.GetInvoiceAsync(invoice.ConnectionId, invoice.InvoiceId, cancellationToken);
        if (read is null)
        {
            return await SkipAsync(invoice, null, "The invoice no longer exists in QBO.", workflowInstanceId, cancellationToken);
        }

        if (await links.FindAsync(invoice.ConnectionId, read, cancellationToken) is not { } link)
        {
            return await SkipAsync(invoice, read.DocNumber, QboSpsInvoiceLinkResolver.NotLinkedNote, workflowInstanceId, cancellationToken);
        }

        var businessKey = $"{link.Partner}/{read.DocNumber}";
        try
        {
            var connection = await connections.GetAsync(invoice.ConnectionId, cancellationToken)
                ?? throw new ConnectorValidationException(IntegrationKinds.QboSps, $"Connection '{invoice.ConnectionId}' no longer exists.", field: "connectionId");
            var document = QboSpsInvoiceMapper.ToRsx(connection, read, link.Partner, link.PurchaseOrderNumber);
            var bytes = await codec.WrapAsync(RsxDocumentType.Invoice, document, RsxJsonContext.Default.RsxInvoice, cancellationToken);
            QboSpsPartnerFields.EnsureRequired(connection, link.Partner, "810", bytes, read.DocNumber!);
            var fileName = FileName(link.Partner, read.DocNumber!);
            var sent = await uploader.UploadOnceAsync(new LedgerKey(invoice.ConnectionId, "qbo", businessKey, Operation), fileName, bytes, $"810 {read.DocNumber} for PO {link.PurchaseOrderNumber}", resend, cancellationToken);
            await audit.WriteAsync(
                new AuditRecord(invoice.ConnectionId, Operation, sent.Created ? AuditOutcome.Succeeded : AuditOutcome.Skipped)
                {
                    WorkflowInstanceId = workflowInstanceId,
                    BusinessKey = businessKey,
                    VendorReference = sent.TargetId,
                    Detail = sent.Created
                        ? $"810 {read.DocNumber} for PO {link.PurchaseOrderNumber} ({document.LineItem?.Count ?? 0} lines, total {document.Summary?.TotalAmount}) uploaded to SPS for {link.Partner} as {sent.TargetId}."
                        : $"810 {read.DocNumber} was uploaded before as {sent.TargetId}; not sent again.",
                },
                cancellationToken);
            return new SpsInvoiceSendResult(invoice.InvoiceId, read.DocNumber, link.Partner, sent.TargetId, sent.Created);
        }
        catch (ConnectorException ex) when (!ex.IsTransient)
        {
            await audit.WriteAsync(
                new AuditRecord(invoice.ConnectionId, Operation, AuditOutcome.Failed)
                {
                    WorkflowInstanceId = workflowInstanceId,
                    BusinessKey = businessKey,
                    VendorReference = invoice.InvoiceId,
                    ErrorKind = ex.Kind,
                    Detail = $"810 for QBO invoice {read.DocNumber} not sent. {ex.Message}",
                },
                cancellationToken);
            throw;
        }
    }

    private async Task<SpsInvoiceSendResult> SkipAsync(QboInvoiceRef invoice, string? number, string note, string? workflowInstanceId, CancellationToken cancellationToken)
    {
        await audit.WriteAsync(
            new AuditRecord(invoice.ConnectionId, Operation, AuditOutcome.Skipped) { WorkflowInstanceId = workflowInstanceId, BusinessKey = number ?? invoice.InvoiceId, Detail = note },
            cancellationToken);
        return new SpsInvoiceSendResult(invoice.InvoiceId, number, null, null, Uploaded: false, note);
    }
}
