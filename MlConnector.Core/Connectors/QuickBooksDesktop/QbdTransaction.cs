using System.Xml.Linq;

namespace MlConnector.Core.Connectors.QuickBooksDesktop;

/// <summary>A transaction as QuickBooks returned it (<c>InvoiceRet</c>, <c>JournalEntryRet</c>).</summary>
/// <param name="Type">The Ret element name.</param>
/// <param name="TxnId">The <c>TxnID</c>.</param>
/// <param name="EditSequence">The current <c>EditSequence</c> (changes on every modification).</param>
/// <param name="RefNumber">The <c>RefNumber</c>.</param>
/// <param name="TxnDate">The <c>TxnDate</c>, if readable.</param>
public sealed record QbdTransaction(string Type, string TxnId, string EditSequence, string RefNumber, DateOnly? TxnDate)
{
    /// <summary>Reads a Ret element leniently.</summary>
    /// <param name="ret">The element.</param>
    /// <returns>The transaction.</returns>
    public static QbdTransaction From(XElement ret)
    {
        ArgumentNullException.ThrowIfNull(ret);
        return new QbdTransaction(
            ret.Name.LocalName,
            (string?)ret.Element("TxnID") ?? string.Empty,
            (string?)ret.Element("EditSequence") ?? string.Empty,
            (string?)ret.Element("RefNumber") ?? string.Empty,
            DateOnly.TryParseExact((string?)ret.Element("TxnDate"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null);
    }
}
