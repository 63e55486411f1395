using MlConnector.Core.Connectors.QuickBooksOnline;

namespace MlConnector.Core.Integrations.QboSps;

/// <summary>
/// Finds the SPS purchase order a QBO invoice bills, for the 810 and the 856: the marker <c>SPS {partner} PO {number}</c>
/// in the invoice's own <c>PrivateNote</c>, else in that of the first Estimate in its <c>LinkedTxn</c> that carries one
/// (the <see cref="QboSpsOrderPosting.Estimate"/> posting; Finance.xsd <c>LinkedTxn</c>: "A list of Estimate Ids that are
/// to be associated with the invoice").
/// </summary>
/// <param name="qbo">The QBO client (reads the linked estimates).</param>
public sealed class QboSpsInvoiceLinkResolver(IQuickBooksOnlineClient qbo)
{
    /// <summary>The note to audit when an invoice bills no SPS purchase order.</summary>
    public const string NotLinkedNote = "The invoice is not linked to an SPS purchase order (no 'SPS {partner} PO {number}' in its private note, nor in that of an Estimate it bills).";

    /// <summary>Finds the link (see the class summary).</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="invoice">The invoice as read from QBO.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The partner and PO number, or null when the invoice bills no SPS purchase order.</returns>
    public async Task<(string Partner, string PurchaseOrderNumber)?> FindAsync(string connectionId, QboInvoice invoice, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        if (QboSpsInvoiceMapper.FindLink(invoice) is { } own)
        {
            return own;
        }

        foreach (var linked in invoice.LinkedTxn?.Where(l => l.TxnType == QboLinkedTxn.EstimateType) ?? [])
        {
            if (await qbo.GetEstimateAsync(connectionId, linked.TxnId, cancellationToken) is { PrivateNote: { } note } && QboSpsInvoiceMapper.FindLink(note) is { } link)
            {
                return link;
            }
        }

        return null;
    }
}
