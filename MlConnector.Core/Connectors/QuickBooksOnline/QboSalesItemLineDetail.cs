namespace MlConnector.Core.Connectors.QuickBooksOnline;

/// <summary>A QBO <c>SalesItemLineDetail</c> (Finance.xsd).</summary>
/// <param name="ItemRef">The Item sold.</param>
/// <param name="Qty">Quantity.</param>
/// <param name="UnitPrice">Price per unit, in the company currency.</param>
public sealed record QboSalesItemLineDetail(QboRef ItemRef, decimal? Qty = null, decimal? UnitPrice = null)
{
    /// <summary>The tax code (<c>TAX</c> / <c>NON</c> in US companies).</summary>
    public QboRef? TaxCodeRef { get; init; }
}
