namespace MlConnector.Core.Connectors.QuickBooksOnline;

/// <summary>A QBO <c>Item</c> (Finance.xsd), polled to map SKUs and shipping methods.</summary>
/// <param name="Id">QBO's id.</param>
/// <param name="Name">The item name.</param>
/// <param name="Type"><c>Inventory</c>, <c>NonInventory</c>, <c>Service</c>…</param>
public sealed record QboItem(string Id, string Name, string? Type)
{
    /// <summary>The SKU, when the company tracks SKUs.</summary>
    public string? Sku { get; init; }

    /// <summary>Whether the item is active.</summary>
    public bool Active { get; init; } = true;

    /// <summary>The income account.</summary>
    public QboRef? IncomeAccountRef { get; init; }
}
