using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.QuickBooksOnline;
using MlConnector.Core.Connectors.SpsCommerce.Rsx;
using MlConnector.Core.Errors;

namespace MlConnector.Core.Integrations.QboSps;

/// <summary>
/// Maps a shipped QBO invoice linked to an SPS purchase order to an RSX 856 ship notice. Pure: no I/O.
/// </summary>
/// <remarks>
/// <para>The shipment confirmation is QBO's own invoice shipping fields (contracts/quickbooks-online/xsd/Finance.xsd,
/// <c>SalesTransaction</c>, inherited by <c>Invoice</c>): <c>ShipDate</c> ("date for delivery of goods"),
/// <c>ShipMethodRef</c> (the ship method; its name is free text) and <c>TrackingNum</c> ("shipping provider's tracking number").
/// An invoice with neither a ship date nor a tracking number has not shipped.</para>
/// <para>The 856 follows SPS's pick/pack structure <c>0001</c> (shipment/order/pack/item; rsx-json-schema/v7.7.0/Shipments.json and
/// the <c>SH584616-1-v7.7-DropShip</c> sample): <c>Header.ShipmentHeader</c> with the ASN number (<c>ShipmentIdentification</c>)
/// and ship date, <c>Header.CarrierInformation</c> with the ship method as <c>CarrierRouting</c>; one <c>OrderLevel</c> for
/// the PO; one <c>PackLevel</c> whose <c>Pack.CarrierPackageID</c> is the tracking number (as in the DropShip sample); one
/// <c>ItemLevel</c> per invoice item line, its part number through the reverse crosswalk. The ASN number is the invoice number:
/// an invoice ships once, and the partner can match ASN and invoice. The partner's vendor number, bill of lading and PRO
/// number come from the partner configuration and the invoice's custom fields (<see cref="QboSpsPartnerFields"/>).</para>
/// </remarks>
public static class QboSpsShipNoticeMapper
{
    /// <summary>True when the invoice carries a shipment confirmation (a <c>ShipDate</c> or a <c>TrackingNum</c>).</summary>
    /// <param name="invoice">The invoice.</param>
    /// <returns>Whether it has shipped.</returns>
    public static bool HasShipped(QboInvoice invoice)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        return invoice.ShipDate is not null || !string.IsNullOrWhiteSpace(invoice.TrackingNum);
    }

    /// <summary>The ASN number of an invoice's ship notice: its invoice number.</summary>
    /// <param name="invoice">The invoice.</param>
    /// <returns>The ASN number.</returns>
    /// <exception cref="ConnectorValidationException">When the invoice has no number.</exception>
    public static string AsnNumber(QboInvoice invoice)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        return invoice.DocNumber is { Length: > 0 } number ? number
            : throw new ConnectorValidationException(IntegrationKinds.QboSps, $"QBO invoice {invoice.Id} has no invoice number (DocNumber); the ship notice's ASN number is made from it.", field: "Invoice.DocNumber");
    }

    /// <summary>Builds the 856 (see the class remarks).</summary>
    /// <param name="connection">The connection (crosswalk).</param>
    /// <param name="invoice">The shipped invoice.</param>
    /// <param name="partner">The trading partner.</param>
    /// <param name="purchaseOrderNumber">The PO shipped.</param>
    /// <param name="noticeDate">The date of the notice (today, UTC).</param>
    /// <returns>The RSX shipment (not yet validated).</returns>
    /// <exception cref="ConnectorValidationException">When a line's item is not in the crosswalk (named), or the invoice has no number.</exception>
    public static RsxShipment ToRsx(Connection connection, QboInvoice invoice, string partner, string purchaseOrderNumber, DateOnly noticeDate)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(invoice);
        var asn = AsnNumber(invoice);
        var items = new List<RsxShipmentItemLevel>();
        foreach (var line in invoice.Line.Where(l => l.SalesItemLineDetail is not null))
        {
            var qty = line.SalesItemLineDetail!.Qty ?? 1m;
            var part = QboSpsInvoiceMapper.PartNumber(connection, line, $"Ship notice {asn}");
            items.Add(new RsxShipmentItemLevel(new RsxShipmentLine((items.Count + 1).ToString(CultureInfo.InvariantCulture), null, part, null, null, null, qty, "EA")));
        }

        var routing = invoice.ShipMethodRef is { } method ? method.Name ?? method.Value : null;
        var tracking = string.IsNullOrWhiteSpace(invoice.TrackingNum) ? null : invoice.TrackingNum.Trim();
        return new RsxShipment(
            new RsxShipmentHeaderGroup(
                new RsxShipmentHeader(
                    partner,
                    asn,
                    Date(invoice.ShipDate ?? noticeDate),
                    "00",
                    Date(noticeDate),
                    "0001",
                    QboSpsPartnerFields.FromInvoice(connection, invoice, "BillOfLadingNumber"),
                    QboSpsPartnerFields.FromInvoice(connection, invoice, "CarrierProNumber")),
                CarrierInformation: routing is null ? null : [new RsxCarrierInformation(CarrierRouting: routing)]),
            [new RsxShipmentOrderLevel(
                new RsxShipmentOrderHeader(purchaseOrderNumber, Vendor: QboSpsPartnerFields.VendorNumber(connection, partner)),
                [new RsxShipmentPackLevel(new RsxPack("P", null, tracking), items)])],
            new RsxShipmentSummary(items.Count));
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
