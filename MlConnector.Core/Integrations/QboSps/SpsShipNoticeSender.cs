using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.QuickBooksOnline;
using MlConnector.Core.Connectors.SpsCommerce.Rsx;
using MlConnector.Core.Errors;

namespace MlConnector.Core.Integrations.QboSps;

/// <summary>
/// Sends the ship notice of a shipped QBO invoice linked to an SPS purchase order to the trading partner as an RSX 856,
/// exactly once per partner and ASN number: nothing to do when the invoice has no shipment confirmation
/// (<see cref="QboSpsShipNoticeMapper.HasShipped"/>); else the 856 (<see cref="QboSpsShipNoticeMapper"/>, validated against
/// SPS's Shipment schema) through the one send step, <see cref="SpsDocumentSender"/> (partner's required fields, upload
/// once under partner/ASN number, one audit row per outcome with operation <see cref="Operation"/>).
/// </summary>
/// <param name="sender">The send step.</param>
/// <param name="codec">The RSX codec.</param>
/// <param name="timeProvider">The clock (the notice date).</param>
public sealed class SpsShipNoticeSender(SpsDocumentSender sender, RsxDocumentCodec codec, TimeProvider timeProvider) : ISpsDocumentBuilder
{
    /// <summary>The audit and ledger operation of an 856 upload.</summary>
    public const string Operation = "sps.856.upload";

    /// <inheritdoc />
    string ISpsDocumentBuilder.Operation => Operation;

    /// <inheritdoc />
    public string DocumentType => "856";

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
        var sent = await sender.SendAsync(invoice, this, workflowInstanceId, resend, cancellationToken);
        return new SpsShipNoticeSendResult(invoice.InvoiceId, sent.Number, sent.Partner, sent.Path, sent.Uploaded, sent.Note);
    }

    /// <inheritdoc />
    public string? NotReadyNote(QboInvoice invoice) =>
        QboSpsShipNoticeMapper.HasShipped(invoice) ? null : "The invoice has no shipment confirmation yet (no ShipDate or TrackingNum).";

    /// <inheritdoc />
    public async Task<SpsOutboundDocument> BuildAsync(Connection connection, QboInvoice invoice, string partner, string purchaseOrderNumber, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        var document = QboSpsShipNoticeMapper.ToRsx(connection, invoice, partner, purchaseOrderNumber, DateOnly.FromDateTime(timeProvider.GetUtcNow().UtcDateTime));
        var asn = document.Header.ShipmentHeader.ShipmentIdentification!;
        var bytes = await codec.WrapAsync(RsxDocumentType.Shipment, document, RsxJsonContext.Default.RsxShipment, cancellationToken);
        return new SpsOutboundDocument(
            asn,
            bytes,
            FileName(partner, asn),
            $"856 ASN {asn} for PO {purchaseOrderNumber}",
            $"{document.Summary?.TotalLineItemNumber} lines, tracking {invoice.TrackingNum ?? "-"}");
    }
}
