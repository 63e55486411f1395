namespace MlConnector.Core.Connectors.QuickBooksOnline.Webhooks;

/// <summary>
/// The QuickBooks Online entities that send webhooks, spelled as QBO spells them (the element names of
/// <c>contracts/quickbooks-online/xsd</c>), and the mapping from any other casing (CloudEvents types carry them lower
/// case: <c>qbo.purchaseorder.created.v1</c>) to that spelling.
/// </summary>
/// <remarks>Source: the table of entities and operations on https://developer.intuit.com/app/developer/qbo/docs/develop/webhooks
/// ("Review supported API entities").</remarks>
public static class QboEntityNames
{
    /// <summary>Every entity QBO sends webhooks for.</summary>
    public static IReadOnlyList<string> WebhookEntities { get; } =
    [
        "Account", "Bill", "BillPayment", "Budget", "Class", "CreditMemo", "Currency", "Customer", "Department", "Deposit",
        "Employee", "Estimate", "Invoice", "Item", "JournalCode", "JournalEntry", "Payment", "PaymentMethod", "Preferences",
        "Purchase", "PurchaseOrder", "RefundReceipt", "SalesReceipt", "TaxAgency", "Term", "TimeActivity", "Transfer",
        "Vendor", "VendorCredit",
    ];

    private static readonly Dictionary<string, string> ByLowerName =
        WebhookEntities.ToDictionary(n => n, n => n, StringComparer.OrdinalIgnoreCase);

    /// <summary>Returns QBO's spelling of an entity name (<c>purchaseorder</c> → <c>PurchaseOrder</c>).</summary>
    /// <param name="name">The name as a payload carries it.</param>
    /// <returns>QBO's spelling; a name QBO did not list is returned with its first letter upper-cased.</returns>
    /// <exception cref="ArgumentException">When <paramref name="name"/> is null or white space.</exception>
    public static string Normalize(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var trimmed = name.Trim();
        return ByLowerName.TryGetValue(trimmed, out var known)
            ? known
            : char.ToUpperInvariant(trimmed[0]) + trimmed[1..];
    }
}
