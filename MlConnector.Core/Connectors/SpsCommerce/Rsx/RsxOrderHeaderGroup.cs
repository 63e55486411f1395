namespace MlConnector.Core.Connectors.SpsCommerce.Rsx;

/// <summary><c>Order.Header</c>.</summary>
/// <param name="OrderHeader"><c>OrderHeader</c> (required).</param>
/// <param name="Address"><c>Address[]</c>: bill-to (BT), ship-to (ST) and other parties.</param>
/// <param name="Dates"><c>Dates[]</c>: qualified dates (for example 010 requested ship).</param>
public sealed record RsxOrderHeaderGroup(
    RsxOrderHeader OrderHeader,
    IReadOnlyList<RsxAddress>? Address = null,
    IReadOnlyList<RsxDate>? Dates = null);
