namespace MlConnector.Core.Connectors.SpsCommerce.Rsx;

/// <summary><c>Order.Summary</c>.</summary>
/// <param name="TotalAmount">The order total, in the order's currency.</param>
/// <param name="TotalLineItemNumber">The number of lines.</param>
public sealed record RsxOrderSummary(
    decimal? TotalAmount = null,
    int? TotalLineItemNumber = null);
