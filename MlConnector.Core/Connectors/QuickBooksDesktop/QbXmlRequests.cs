using System.Xml.Linq;

namespace MlConnector.Core.Connectors.QuickBooksDesktop;

/// <summary>
/// Typed builders of the qbXML requests ml-connector sends, each element in the order the XSD's <c>xsd:sequence</c>
/// requires (qbxmlops130.xsd / qbxmlops160.xsd; the tests validate every builder against both). Each request carries a
/// <c>requestID</c> that QuickBooks echoes in its <c>*Rs</c>, tying the answer to the request.
/// </summary>
public static class QbXmlRequests
{
    /// <summary>The largest page a list iterator asks for: small enough that a page stays well inside QBWC's ~60 s timeout.</summary>
    public const int DefaultMaxReturned = 100;

    /// <summary>The <c>TxnLineID</c> of a line added by a Mod request.</summary>
    private const string NewLine = "-1";

    /// <summary><c>CustomerQueryRq</c>.</summary>
    /// <param name="requestId">The request id.</param>
    /// <param name="query">Names, or a window with an iterator.</param>
    /// <returns>The request element.</returns>
    public static XElement CustomerQuery(string requestId, QbXmlListQuery query) => ListQuery("CustomerQueryRq", requestId, query);

    /// <summary><c>ItemQueryRq</c> (every item type).</summary>
    /// <param name="requestId">The request id.</param>
    /// <param name="query">Names, or a window with an iterator.</param>
    /// <returns>The request element.</returns>
    public static XElement ItemQuery(string requestId, QbXmlListQuery query) => ListQuery("ItemQueryRq", requestId, query);

    /// <summary><c>ItemInventoryQueryRq</c>, whose <c>ItemInventoryRet</c> carries <c>QuantityOnHand</c>.</summary>
    /// <param name="requestId">The request id.</param>
    /// <param name="query">Names, or a window with an iterator.</param>
    /// <returns>The request element.</returns>
    public static XElement ItemInventoryQuery(string requestId, QbXmlListQuery query) => ListQuery("ItemInventoryQueryRq", requestId, query);

    /// <summary><c>InvoiceQueryRq</c> by <c>RefNumber</c>: the idempotency check before any InvoiceAdd or InvoiceMod.</summary>
    /// <param name="requestId">The request id.</param>
    /// <param name="refNumbers">The invoice numbers (order numbers).</param>
    /// <param name="includeLineItems">Whether to return the lines.</param>
    /// <returns>The request element.</returns>
    public static XElement InvoiceQueryByRefNumber(string requestId, IReadOnlyList<string> refNumbers, bool includeLineItems = false)
    {
        ArgumentNullException.ThrowIfNull(refNumbers);
        ArgumentOutOfRangeException.ThrowIfZero(refNumbers.Count);
        return Request(
            "InvoiceQueryRq",
            requestId,
            refNumbers.Select(r => new XElement("RefNumber", r)),
            includeLineItems ? new XElement("IncludeLineItems", "true") : null);
    }

    /// <summary>
    /// <c>JournalEntryQueryRq</c> by <c>RefNumber</c> (the <c>TxnQuery</c> group of qbxml130.xsd) with <c>IncludeLineItems</c>,
    /// whose line amounts tell a voided entry (zero): the check before every JournalEntryAdd, JournalEntryMod or void.
    /// </summary>
    /// <param name="requestId">The request id.</param>
    /// <param name="refNumbers">The entry numbers (order numbers).</param>
    /// <returns>The request element.</returns>
    public static XElement JournalEntryQueryByRefNumber(string requestId, IReadOnlyList<string> refNumbers)
    {
        ArgumentNullException.ThrowIfNull(refNumbers);
        ArgumentOutOfRangeException.ThrowIfZero(refNumbers.Count);
        return Request("JournalEntryQueryRq", requestId, refNumbers.Select(r => new XElement("RefNumber", r)), new XElement("IncludeLineItems", "true"));
    }

    /// <summary><c>InvoiceAddRq</c>.</summary>
    /// <param name="requestId">The request id.</param>
    /// <param name="invoice">The invoice.</param>
    /// <returns>The request element.</returns>
    public static XElement InvoiceAdd(string requestId, QbdInvoice invoice)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        return Request(
            "InvoiceAddRq",
            requestId,
            new XElement(
                "InvoiceAdd",
                FullNameRef("CustomerRef", invoice.CustomerFullName),
                new XElement("TxnDate", Date(invoice.TxnDate)),
                new XElement("RefNumber", invoice.RefNumber),
                invoice.PoNumber is null ? null : new XElement("PONumber", invoice.PoNumber),
                invoice.ShipDate is { } shipDate ? new XElement("ShipDate", Date(shipDate)) : null,
                new XElement("Memo", invoice.Memo),
                invoice.Lines.Select(l => new XElement(
                    "InvoiceLineAdd",
                    FullNameRef("ItemRef", l.ItemFullName),
                    new XElement("Desc", l.Description),
                    new XElement("Quantity", Decimal5(l.Quantity)),
                    new XElement("Rate", Decimal5(l.Rate))))));
    }

    /// <summary>
    /// <c>InvoiceModRq</c> with the invoice's current <c>EditSequence</c> (re-queried before every update: a stale one is
    /// status 3200). With <paramref name="lines"/>, the invoice's lines are replaced: each is sent as an
    /// <c>InvoiceLineMod</c> with <c>TxnLineID</c> -1 (a new line) and, because "any line item not specifically identified
    /// in a modify request will be deleted", every existing line goes (Intuit, "Modify, delete and void requests and
    /// responses" and the InvoiceMod reference: "If you want to add a new line, supply an InvoiceLineMod with its TxnLineID
    /// value set to -1"). Without lines, only the body fields given change.
    /// </summary>
    /// <param name="requestId">The request id.</param>
    /// <param name="txnId">The invoice's <c>TxnID</c>.</param>
    /// <param name="editSequence">Its current <c>EditSequence</c>.</param>
    /// <param name="memo">The new memo, or null to keep it.</param>
    /// <param name="shipDate">The new ship date, or null to keep it.</param>
    /// <param name="lines">The invoice's new lines (replacing all), or null to keep them.</param>
    /// <returns>The request element.</returns>
    public static XElement InvoiceMod(string requestId, string txnId, string editSequence, string? memo = null, DateOnly? shipDate = null, IReadOnlyList<QbdInvoiceLine>? lines = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(txnId);
        ArgumentException.ThrowIfNullOrWhiteSpace(editSequence);
        return Request(
            "InvoiceModRq",
            requestId,
            new XElement(
                "InvoiceMod",
                new XElement("TxnID", txnId),
                new XElement("EditSequence", editSequence),
                shipDate is { } date ? new XElement("ShipDate", Date(date)) : null,
                memo is null ? null : new XElement("Memo", memo),
                lines?.Select(l => new XElement(
                    "InvoiceLineMod",
                    new XElement("TxnLineID", NewLine),
                    FullNameRef("ItemRef", l.ItemFullName),
                    new XElement("Desc", l.Description),
                    new XElement("Quantity", Decimal5(l.Quantity)),
                    new XElement("Rate", Decimal5(l.Rate))))));
    }

    /// <summary>
    /// <c>JournalEntryModRq</c> replacing the entry's lines (each a <c>JournalLineMod</c> with <c>TxnLineID</c> -1 and
    /// <c>JournalLineType</c> Debit or Credit; the lines not named are deleted, as for InvoiceMod) with the current
    /// <c>EditSequence</c>. qbXML 13.0's <c>JournalEntryMod</c> has no body <c>Memo</c> (qbxml130.xsd), so the memo travels on the lines.
    /// </summary>
    /// <param name="requestId">The request id.</param>
    /// <param name="txnId">The entry's <c>TxnID</c>.</param>
    /// <param name="editSequence">Its current <c>EditSequence</c>.</param>
    /// <param name="lines">The entry's new lines (replacing all); they must balance.</param>
    /// <returns>The request element.</returns>
    /// <exception cref="ArgumentException">When the debits and credits do not balance.</exception>
    public static XElement JournalEntryMod(string requestId, string txnId, string editSequence, IReadOnlyList<QbdJournalLine> lines)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(txnId);
        ArgumentException.ThrowIfNullOrWhiteSpace(editSequence);
        ArgumentNullException.ThrowIfNull(lines);
        EnsureBalanced(txnId, lines);
        return Request(
            "JournalEntryModRq",
            requestId,
            new XElement(
                "JournalEntryMod",
                new XElement("TxnID", txnId),
                new XElement("EditSequence", editSequence),
                lines.Select(l => new XElement(
                    "JournalLineMod",
                    new XElement("TxnLineID", NewLine),
                    new XElement("JournalLineType", l.IsDebit ? "Debit" : "Credit"),
                    FullNameRef("AccountRef", l.AccountFullName),
                    new XElement("Amount", Amount(l.Amount)),
                    new XElement("Memo", l.Memo),
                    l.EntityFullName is null ? null : FullNameRef("EntityRef", l.EntityFullName)))));
    }

    /// <summary>
    /// <c>TxnVoidRq</c>: voids a transaction, which "sets its amount to zero but keeps a record of it in QuickBooks"
    /// (Intuit, TxnVoid reference; qbXML 1.1+, group <c>TxnVoid</c> in qbxml130.xsd: <c>TxnVoidType</c> then <c>TxnID</c>, no
    /// <c>EditSequence</c>). A voided invoice keeps its RefNumber, so the order's RefNumber query still finds it, with a zero subtotal.
    /// </summary>
    /// <param name="requestId">The request id.</param>
    /// <param name="txnVoidType">The transaction type: <c>Invoice</c> or <c>JournalEntry</c> (the <c>TxnVoidType</c> enumeration).</param>
    /// <param name="txnId">The transaction's <c>TxnID</c>.</param>
    /// <returns>The request element.</returns>
    public static XElement TxnVoid(string requestId, string txnVoidType, string txnId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(txnVoidType);
        ArgumentException.ThrowIfNullOrWhiteSpace(txnId);
        return Request("TxnVoidRq", requestId, new XElement("TxnVoidType", txnVoidType), new XElement("TxnID", txnId));
    }

    /// <summary><c>JournalEntryAddRq</c>.</summary>
    /// <param name="requestId">The request id.</param>
    /// <param name="entry">The entry.</param>
    /// <returns>The request element.</returns>
    /// <exception cref="ArgumentException">When the debits and credits do not balance.</exception>
    public static XElement JournalEntryAdd(string requestId, QbdJournalEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        EnsureBalanced(entry.RefNumber, entry.Lines);

        return Request(
            "JournalEntryAddRq",
            requestId,
            new XElement(
                "JournalEntryAdd",
                new XElement("TxnDate", Date(entry.TxnDate)),
                new XElement("RefNumber", entry.RefNumber),
                new XElement("Memo", entry.Memo),
                entry.Lines.Select(l => new XElement(
                    l.IsDebit ? "JournalDebitLine" : "JournalCreditLine",
                    FullNameRef("AccountRef", l.AccountFullName),
                    new XElement("Amount", Amount(l.Amount)),
                    new XElement("Memo", l.Memo),
                    l.EntityFullName is null ? null : FullNameRef("EntityRef", l.EntityFullName)))));
    }

    private static void EnsureBalanced(string reference, IReadOnlyList<QbdJournalLine> lines)
    {
        var debits = lines.Where(l => l.IsDebit).Sum(l => l.Amount);
        var credits = lines.Where(l => !l.IsDebit).Sum(l => l.Amount);
        if (debits != credits)
        {
            throw new ArgumentException($"Journal entry {reference} does not balance: debits {debits} and credits {credits}.", nameof(lines));
        }
    }

    private static XElement ListQuery(string name, string requestId, QbXmlListQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var element = query.FullNames.Count > 0
            ? Request(name, requestId, query.FullNames.Select(n => new XElement("FullName", n)))
            : Request(
                name,
                requestId,
                query.MaxReturned is { } max ? new XElement("MaxReturned", max.ToString(CultureInfo.InvariantCulture)) : null,
                query.FromModifiedDate is { } from ? new XElement("FromModifiedDate", DateTime(from)) : null,
                query.ToModifiedDate is { } to ? new XElement("ToModifiedDate", DateTime(to)) : null);
        if (query.FullNames.Count == 0 && query.Iterator is { } iterator)
        {
            element.SetAttributeValue("iterator", iterator);
            element.SetAttributeValue("iteratorID", query.IteratorId);
        }

        return element;
    }

    private static XElement Request(string name, string requestId, params object?[] content)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(requestId);
        return new XElement(name, new XAttribute("requestID", requestId), content);
    }

    private static XElement FullNameRef(string name, string fullName) => new(name, new XElement("FullName", fullName));

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string DateTime(DateTimeOffset time) => time.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private static string Amount(decimal amount) => decimal.Round(amount, 2, MidpointRounding.AwayFromZero).ToString("0.00", CultureInfo.InvariantCulture);

    private static string Decimal5(decimal value) => decimal.Round(value, 5, MidpointRounding.AwayFromZero).ToString("0.#####", CultureInfo.InvariantCulture);
}
