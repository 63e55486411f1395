using MlConnector.Core.Audit;
using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.QuickBooksOnline;
using MlConnector.Core.Connectors.SpsCommerce.Rsx;
using MlConnector.Core.Errors;
using MlConnector.Core.Idempotency;

namespace MlConnector.Core.Integrations.QboSps;

/// <summary>
/// Sends the ship notice of a shipped QBO invoice linked to an SPS purchase order to the trading partner as an RSX 856,
/// exactly once per partner and ASN number: read the invoice; nothing to do when it is not linked or has no shipment
/// confirmation (<see cref="QboSpsShipNoticeMapper.HasShipped"/>); build the 856 (<see cref="QboSpsShipNoticeMapper"/>),
/// validate it against SPS's Shipment schema and the partner's required fields (<see cref="QboSpsPartnerFields.EnsureRequired"/>;
/// a failure is a data error naming the field, and nothing is sent), then upload
/// it through <see cref="SpsDocumentUploader"/> under the ledger key partner/ASN number, so a retry, a replay or a lost
/// upload response never sends it twice. Every outcome writes one audit row (operation <see cref="Operation"/>): partner,
/// ASN and PO number, SPS path, QBO invoice id, status and error.
/// </summary>
/// <param name="qbo">The QBO client.</param>
/// <param name="links">Finds the SPS purchase order an invoice bills (its own marker, or an estimate's).</param>
/// <param name="connections">The connection store.</param>
/// <param name="uploader">Uploads once.</param>
/// <param name="codec">The RSX codec.</param>
/// <param name="audit">The audit trail.</param>
/// <param name="timeProvider">The clock (the notice date).</param>
public sealed class SpsShipNoticeSender(
    IQuickBooksOnlineClient qbo,
    QboSpsInvoiceLinkResolver links,
    IConnectionStore connections,
    SpsDocumentUploader uploader,
    RsxDocumentCodec codec,
    IAuditTrail audit,
    TimeProvider timeProvider)
{
    /// <summary>The audit and ledger operation of an 856 upload.</summary>
    public const string Operation = "sps.856.upload";

    /// <summary>The SPS file name of a ship notice.</summary>
    /// <param name="partner">The trading partner.</param>
    /// <param name="asnNumber">The ASN number.</param>
    /// <returns>For example <c>SH-SPSALLTESTID-1001.json</c>; characters SPS file names do not take become <c>_</c>.</returns>
    public static string FileName(string partner, string asnNumber) => SpsDocumentUploader.FileName("SH", partner, asnNumber);

    /// <summary>Sends the invoice's ship notice (see the class summary).</summary>
    /// <param name="invoice">The connection and QBO invoice id.</param>
    /// <param name="workflowInstanceId">The calling workflow instance, if any.</param>
    /// <param name="resend">True to send the invoice's current state as a correction after the partner rejected the
    /// 856 (<see cref="SpsDocumentUploader.UploadOnceAsync"/>).</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>What was sent, or why nothing was.</returns>
    /// <exception cref="ConnectorValidationException">An unmapped item, or a document that breaks SPS's schema.</exception>
    /// <exception cref="ConnectorException">QBO or SPS failed.</exception>
    public async Task<SpsShipNoticeSendResult> SendAsync(QboInvoiceRef invoice, string? workflowInstanceId = null, bool resend = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        var read = await qbo.GetInvoiceAsync(invoice.ConnectionId, invoice.InvoiceId, cancellationToken);
        var found = read is null ? null : await links.FindAsync(invoice.ConnectionId, read, cancellationToken);
        if (read is null || found is not { } link || !QboSpsShipNoticeMapper.HasShipped(read))
        {
            var note = read is null ? "The invoice no longer exists in QBO."
                : found is null ? QboSpsInvoiceLinkResolver.NotLinkedNote
                : "The invoice has no shipment confirmation yet (no ShipDate or TrackingNum).";
            await audit.WriteAsync(
                new AuditRecord(invoice.ConnectionId, Operation, AuditOutcome.Skipped) { WorkflowInstanceId = workflowInstanceId, BusinessKey = read?.DocNumber ?? invoice.InvoiceId, VendorReference = invoice.InvoiceId, Detail = note },
                cancellationToken);
            return new SpsShipNoticeSendResult(invoice.InvoiceId, null, null, null, Uploaded: false, note);
        }

        var businessKey = $"{link.Partner}/{read.DocNumber}";
        try
        {
            var connection = await connections.GetAsync(invoice.ConnectionId, cancellationToken)
                ?? throw new ConnectorValidationException(IntegrationKinds.QboSps, $"Connection '{invoice.ConnectionId}' no longer exists.", field: "connectionId");
            var document = QboSpsShipNoticeMapper.ToRsx(connection, read, link.Partner, link.PurchaseOrderNumber, DateOnly.FromDateTime(timeProvider.GetUtcNow().UtcDateTime));
            var asn = document.Header.ShipmentHeader.ShipmentIdentification!;
            businessKey = $"{link.Partner}/{asn}";
            var bytes = await codec.WrapAsync(RsxDocumentType.Shipment, document, RsxJsonContext.Default.RsxShipment, cancellationToken);
            QboSpsPartnerFields.EnsureRequired(connection, link.Partner, "856", bytes, asn);
            var sent = await uploader.UploadOnceAsync(
                new LedgerKey(invoice.ConnectionId, "qbo", businessKey, Operation),
                FileName(link.Partner, asn),
                bytes,
                $"856 ASN {asn} for PO {link.PurchaseOrderNumber}",
                resend,
                cancellationToken);
            await audit.WriteAsync(
                new AuditRecord(invoice.ConnectionId, Operation, sent.Created ? AuditOutcome.Succeeded : AuditOutcome.Skipped)
                {
                    WorkflowInstanceId = workflowInstanceId,
                    BusinessKey = businessKey,
                    VendorReference = sent.TargetId,
                    Detail = sent.Created
                        ? $"856 ASN {asn} for {link.Partner} PO {link.PurchaseOrderNumber} (QBO invoice {invoice.InvoiceId}, {document.Summary?.TotalLineItemNumber} lines, tracking {read.TrackingNum ?? "-"}) uploaded to SPS as {sent.TargetId}."
                        : $"856 ASN {asn} for {link.Partner} PO {link.PurchaseOrderNumber} (QBO invoice {invoice.InvoiceId}) was uploaded before as {sent.TargetId}; not sent again.",
                },
                cancellationToken);
            return new SpsShipNoticeSendResult(invoice.InvoiceId, asn, link.Partner, sent.TargetId, sent.Created);
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
                    Detail = $"856 for {link.Partner} PO {link.PurchaseOrderNumber} (QBO invoice {invoice.InvoiceId}) not sent. {ex.Message}",
                },
                cancellationToken);
            throw;
        }
    }
}
