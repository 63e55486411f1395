using System.Text.RegularExpressions;
using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.QuickBooksOnline;
using MlConnector.Core.Connectors.SpsCommerce.Rsx;
using MlConnector.Core.Errors;

namespace MlConnector.Core.Integrations.QboSps;

/// <summary>Maps a QBO invoice linked to an SPS purchase order to an RSX 810. Pure: no I/O.</summary>
public static partial class QboSpsInvoiceMapper
{
    /// <summary>
    /// The SPS purchase order an invoice bills, from the marker <c>SPS {partner} PO {number}</c> (see
    /// <see cref="QboSpsOrderMapper.Marker"/>) in its <c>PrivateNote</c>; null when the invoice is not for SPS.
    /// </summary>
    /// <param name="invoice">The invoice.</param>
    /// <returns>The partner and PO number, or null.</returns>
    public static (string Partner, string PurchaseOrderNumber)? FindLink(QboInvoice invoice)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        return FindLink(invoice.PrivateNote);
    }

    /// <summary>The SPS purchase order a private note names with the marker <c>SPS {partner} PO {number}</c>.</summary>
    /// <param name="privateNote">A QBO <c>PrivateNote</c> (of an invoice or an estimate).</param>
    /// <returns>The partner and PO number, or null.</returns>
    public static (string Partner, string PurchaseOrderNumber)? FindLink(string? privateNote)
    {
        var match = privateNote is { } note ? MarkerPattern().Match(note) : Match.Empty;
        return match.Success ? (match.Groups["partner"].Value, match.Groups["po"].Value) : null;
    }

    /// <summary>Builds the 810: header from the invoice and the link, lines through the reverse of the <c>spsItems</c> crosswalk.</summary>
    /// <param name="connection">The connection.</param>
    /// <param name="invoice">The QBO invoice.</param>
    /// <param name="partner">The trading partner.</param>
    /// <param name="purchaseOrderNumber">The PO the invoice bills.</param>
    /// <returns>The RSX invoice (not yet validated).</returns>
    /// <exception cref="ConnectorValidationException">When a line's QBO item is not in the crosswalk (named), or the invoice has no number.</exception>
    public static RsxInvoice ToRsx(Connection connection, QboInvoice invoice, string partner, string purchaseOrderNumber)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(invoice);
        var number = invoice.DocNumber is { Length: > 0 } doc ? doc
            : throw new ConnectorValidationException(IntegrationKinds.QboSps, $"QBO invoice {invoice.Id} has no invoice number (DocNumber); the partner needs one.", field: "Invoice.DocNumber");
        var lines = new List<RsxInvoiceLineItem>();
        foreach (var line in invoice.Line.Where(l => l.SalesItemLineDetail is not null))
        {
            var vendorPart = PartNumber(connection, line, $"Invoice {number}");
            var qty = line.SalesItemLineDetail!.Qty ?? 1m;
            var price = line.SalesItemLineDetail.UnitPrice ?? (qty == 0 ? line.Amount : decimal.Round(line.Amount / qty, 4));
            lines.Add(new RsxInvoiceLineItem(new RsxInvoiceLine((lines.Count + 1).ToString(CultureInfo.InvariantCulture), null, vendorPart, null, qty, "EA", price, qty, "EA")));
        }

        var total = invoice.TotalAmt ?? lines.Sum(l => decimal.Round((l.InvoiceLine.InvoiceQty ?? 0) * (l.InvoiceLine.PurchasePrice ?? 0), 2));
        return new RsxInvoice(
            new RsxInvoiceHeaderGroup(new RsxInvoiceHeader(
                partner,
                number,
                invoice.TxnDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                null,
                purchaseOrderNumber,
                "DR",
                "00",
                null,
                QboSpsPartnerFields.VendorNumber(connection, partner),
                invoice.ShipDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                QboSpsPartnerFields.FromInvoice(connection, invoice, "Department"))),
            lines,
            new RsxInvoiceSummary(total, total, lines.Count));
    }

    /// <summary>
    /// The SPS part number of an invoice line's QBO item, through the reverse of the <c>spsItems</c> crosswalk: the
    /// (ordinally first) <c>VendorPartNumber</c> / <c>BuyerPartNumber</c> / UPC key mapped to the item.
    /// </summary>
    /// <param name="connection">The connection (its crosswalk).</param>
    /// <param name="line">A <c>SalesItemLineDetail</c> line.</param>
    /// <param name="document">Names the document in the error, for example <c>Invoice 1001</c>.</param>
    /// <returns>The part number.</returns>
    /// <exception cref="ConnectorValidationException">When the item is not in the crosswalk; <c>Field</c> is <c>mappings.spsItems.(item {id})</c>.</exception>
    public static string PartNumber(Connection connection, QboLine line, string document)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(line);
        var itemId = line.SalesItemLineDetail?.ItemRef.Value ?? throw new ArgumentException("The line has no item.", nameof(line));
        var crosswalk = connection.Mappings.TryGetValue(QboSpsNames.ItemMapping, out var table) ? table : new Dictionary<string, string>();
        return crosswalk.Where(p => p.Value == itemId).Select(p => p.Key).Order(StringComparer.Ordinal).FirstOrDefault()
            ?? throw new ConnectorValidationException(IntegrationKinds.QboSps, $"{document}: QBO item {itemId} ({line.SalesItemLineDetail.ItemRef.Name ?? line.Description}) has no SPS part number in {QboSpsNames.ItemMapping}.", field: $"mappings.{QboSpsNames.ItemMapping}.(item {itemId})");
    }

    [GeneratedRegex(@"SPS (?<partner>\S+) PO (?<po>\S+)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex MarkerPattern();
}
