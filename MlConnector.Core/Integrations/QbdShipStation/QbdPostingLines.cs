using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.QuickBooksDesktop;

namespace MlConnector.Core.Integrations.QbdShipStation;

/// <summary>
/// What an order's QuickBooks transaction holds, written once for the add and for a correction: invoice lines are the
/// order's products by QuickBooks item full name (<c>qbdItems</c>, else the SKU) at ShipStation's unit price; the journal
/// entry debits <c>qbd.receivableAccount</c> (default Accounts Receivable, with the customer) and credits
/// <c>qbd.incomeAccount</c> (default Sales) with the order total.
/// </summary>
public static class QbdPostingLines
{
    /// <summary>The order's invoice lines.</summary>
    /// <param name="connection">The connection (item mapping).</param>
    /// <param name="order">The order.</param>
    /// <returns>The lines.</returns>
    public static IReadOnlyList<QbdInvoiceLine> InvoiceLines(Connection connection, QbdOrderRecord order)
    {
        ArgumentNullException.ThrowIfNull(order);
        return [.. order.Lines.Select(l => new QbdInvoiceLine(QbdOrderStore.ItemFullName(connection, l.Sku), l.Name, l.Quantity, l.UnitPrice))];
    }

    /// <summary>The order's journal lines (one debit, one credit of the order total).</summary>
    /// <param name="connection">The connection (accounts).</param>
    /// <param name="order">The order.</param>
    /// <param name="memo">The lines' memo.</param>
    /// <returns>The lines.</returns>
    public static IReadOnlyList<QbdJournalLine> JournalLines(Connection connection, QbdOrderRecord order, string memo)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(order);
        return
        [
            new QbdJournalLine(true, connection.GetSetting(QbdShipStationNames.Qbd, QbdShipStationNames.ReceivableAccountSetting) ?? "Accounts Receivable", order.OrderTotal, memo, order.CustomerFullName),
            new QbdJournalLine(false, connection.GetSetting(QbdShipStationNames.Qbd, QbdShipStationNames.IncomeAccountSetting) ?? "Sales", order.OrderTotal, memo),
        ];
    }

    /// <summary>
    /// The amount QuickBooks should hold for the order: the invoice's subtotal (each line's quantity × rate, rounded to cents
    /// as QuickBooks rounds a line amount) or the journal entry's debit total (the order total).
    /// </summary>
    /// <param name="posting"><c>invoice</c> or <c>journal</c>.</param>
    /// <param name="order">The order.</param>
    /// <returns>The amount in the company's currency.</returns>
    public static decimal Amount(string posting, QbdOrderRecord order)
    {
        ArgumentNullException.ThrowIfNull(order);
        return posting == QbdShipStationNames.PostingJournal
            ? order.OrderTotal
            : order.Lines.Sum(l => decimal.Round(l.Quantity * l.UnitPrice, 2, MidpointRounding.AwayFromZero));
    }
}
