namespace MlConnector.Core.Connectors.SpsCommerce.Rsx;

/// <summary><c>Invoice.Summary</c>.</summary>
/// <param name="TotalAmount">The invoice total, in the invoice's currency.</param>
/// <param name="TotalSalesAmount">The total of the lines.</param>
/// <param name="TotalLineItemNumber">The number of lines.</param>
public sealed record RsxInvoiceSummary(
    decimal? TotalAmount = null,
    decimal? TotalSalesAmount = null,
    int? TotalLineItemNumber = null);
