namespace MlConnector.Core.Integrations.QbdShipStation;

/// <summary>The memo ml-connector writes on an order's QuickBooks transaction: order number, ship date, carrier and tracking.</summary>
public static class QbdShipStationMemo
{
    /// <summary>The most characters of a memo a correction writes; the oldest lines give way first.</summary>
    public const int MaxLength = 4000;

    /// <summary>The memo line of one shipment, for example <c>ShipStation order 1001 shipped 2026-03-08 ups 1Z999</c>.</summary>
    /// <param name="shipment">The shipment.</param>
    /// <param name="shipDate">The ship date.</param>
    /// <returns>The text.</returns>
    public static string For(QbdShipmentRef shipment, DateOnly shipDate)
    {
        ArgumentNullException.ThrowIfNull(shipment);
        var carrier = string.IsNullOrWhiteSpace(shipment.CarrierCode) ? string.Empty : " " + shipment.CarrierCode;
        var tracking = string.IsNullOrWhiteSpace(shipment.TrackingNumber) ? string.Empty : " " + shipment.TrackingNumber;
        return $"ShipStation order {shipment.OrderNumber} shipped {shipDate:yyyy-MM-dd}{carrier}{tracking}";
    }

    /// <summary>
    /// The memo a correction writes: <paramref name="line"/> appended to the transaction's current memo after <c> | </c>
    /// (or alone when there is none), cut to its last <see cref="MaxLength"/> characters.
    /// </summary>
    /// <param name="currentMemo">The memo the transaction has now, or null.</param>
    /// <param name="line">The line to add.</param>
    /// <returns>The text.</returns>
    public static string Append(string? currentMemo, string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var memo = string.IsNullOrWhiteSpace(currentMemo) ? line : currentMemo + " | " + line;
        return memo.Length > MaxLength ? memo[^MaxLength..] : memo;
    }
}
