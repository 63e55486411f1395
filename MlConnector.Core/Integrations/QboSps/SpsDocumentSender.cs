using MlConnector.Core.Audit;
using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.QuickBooksOnline;
using MlConnector.Core.Errors;
using MlConnector.Core.Idempotency;

namespace MlConnector.Core.Integrations.QboSps;

/// <summary>
/// The one "send one RSX document to SPS" step of QBO ↔ SPS, for the 810 and the 856 (<see cref="ISpsDocumentBuilder"/>):
/// read the QBO invoice and the SPS purchase order it bills (<see cref="QboSpsInvoiceLinkResolver"/>); when it is gone, not
/// linked or not ready, write one skipped audit row and send nothing; else build the document, check the partner's required
/// fields (<see cref="QboSpsPartnerFields.EnsureRequired"/>; a failure is a data error naming the field, and nothing is
/// sent), upload it through <see cref="SpsDocumentUploader"/> under the ledger key <c>{partner}/{number}</c>, so a retry, a
/// replay or a lost upload response never sends it twice, and write one audit row (succeeded, or skipped when it was
/// uploaded before). A non-transient failure writes a failed audit row with its error class and is rethrown.
/// </summary>
/// <param name="qbo">The QBO client.</param>
/// <param name="links">Finds the SPS purchase order an invoice bills.</param>
/// <param name="connections">The connection store.</param>
/// <param name="uploader">Uploads once.</param>
/// <param name="audit">The audit trail.</param>
public sealed class SpsDocumentSender(
    IQuickBooksOnlineClient qbo,
    QboSpsInvoiceLinkResolver links,
    IConnectionStore connections,
    SpsDocumentUploader uploader,
    IAuditTrail audit)
{
    /// <summary>The note audited when the invoice is gone.</summary>
    public const string InvoiceGoneNote = "The invoice no longer exists in QBO.";

    /// <summary>Sends the invoice's document of one type (see the class summary).</summary>
    /// <param name="invoice">The connection and QBO invoice id.</param>
    /// <param name="builder">The document type.</param>
    /// <param name="workflowInstanceId">The calling workflow instance, if any.</param>
    /// <param name="resend">True to send the invoice's current state as a correction after the partner rejected the
    /// document (<see cref="SpsDocumentUploader.UploadOnceAsync"/>).</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>What was sent, or why nothing was.</returns>
    /// <exception cref="ConnectorValidationException">An unmapped item, a missing partner field, or a document that breaks SPS's schema.</exception>
    /// <exception cref="ConnectorException">QBO or SPS failed.</exception>
    public async Task<SpsDocumentSendOutcome> SendAsync(QboInvoiceRef invoice, ISpsDocumentBuilder builder, string? workflowInstanceId = null, bool resend = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        ArgumentNullException.ThrowIfNull(builder);
        var read = await qbo.GetInvoiceAsync(invoice.ConnectionId, invoice.InvoiceId, cancellationToken);
        var found = read is null ? null : await links.FindAsync(invoice.ConnectionId, read, cancellationToken);
        var note = read is null ? InvoiceGoneNote
            : found is null ? QboSpsInvoiceLinkResolver.NotLinkedNote
            : builder.NotReadyNote(read);
        if (note is not null || read is null || found is not { } link)
        {
            await audit.WriteAsync(
                new AuditRecord(invoice.ConnectionId, builder.Operation, AuditOutcome.Skipped) { WorkflowInstanceId = workflowInstanceId, BusinessKey = read?.DocNumber ?? invoice.InvoiceId, VendorReference = invoice.InvoiceId, Detail = note },
                cancellationToken);
            return new SpsDocumentSendOutcome(read, null, null, null, Uploaded: false, note);
        }

        var subject = $"{builder.DocumentType} for {link.Partner} PO {link.PurchaseOrderNumber} (QBO invoice {invoice.InvoiceId})";
        var businessKey = $"{link.Partner}/{read.DocNumber}";
        try
        {
            var connection = await connections.GetAsync(invoice.ConnectionId, cancellationToken)
                ?? throw new ConnectorValidationException(IntegrationKinds.QboSps, $"Connection '{invoice.ConnectionId}' no longer exists.", field: "connectionId");
            var document = await builder.BuildAsync(connection, read, link.Partner, link.PurchaseOrderNumber, cancellationToken);
            businessKey = $"{link.Partner}/{document.Number}";
            QboSpsPartnerFields.EnsureRequired(connection, link.Partner, builder.DocumentType, document.Content, document.Number);
            var sent = await uploader.UploadOnceAsync(
                new LedgerKey(invoice.ConnectionId, "qbo", businessKey, builder.Operation), document.FileName, document.Content, document.Description, resend, cancellationToken);
            await audit.WriteAsync(
                new AuditRecord(invoice.ConnectionId, builder.Operation, sent.Created ? AuditOutcome.Succeeded : AuditOutcome.Skipped)
                {
                    WorkflowInstanceId = workflowInstanceId,
                    BusinessKey = businessKey,
                    VendorReference = sent.TargetId,
                    Detail = sent.Created
                        ? $"{document.Description} to {link.Partner} (QBO invoice {invoice.InvoiceId}, {document.Facts}) uploaded to SPS as {sent.TargetId}."
                        : $"{document.Description} to {link.Partner} (QBO invoice {invoice.InvoiceId}) was uploaded before as {sent.TargetId}; not sent again.",
                },
                cancellationToken);
            return new SpsDocumentSendOutcome(read, link.Partner, document.Number, sent.TargetId, sent.Created);
        }
        catch (ConnectorException ex) when (!ex.IsTransient)
        {
            await audit.WriteAsync(
                new AuditRecord(invoice.ConnectionId, builder.Operation, AuditOutcome.Failed)
                {
                    WorkflowInstanceId = workflowInstanceId,
                    BusinessKey = businessKey,
                    VendorReference = invoice.InvoiceId,
                    ErrorKind = ex.Kind,
                    Detail = $"{subject} not sent. {ex.Message}",
                },
                cancellationToken);
            throw;
        }
    }
}
