namespace MlConnector.Core.Connectors.Ups;

/// <summary>A created UPS shipment.</summary>
/// <param name="ShipmentIdentificationNumber">The shipment's identification number (used to void it).</param>
/// <param name="TotalCharge">The published total charge (<c>ShipmentCharges.TotalCharges.MonetaryValue</c>).</param>
/// <param name="CurrencyCode">The ISO 4217 currency of the charges.</param>
/// <param name="Packages">One result per package, in request order.</param>
/// <remarks>Source: contracts/ups/Shipping.yaml (<c>ShipmentResponse_ShipmentResults</c>).</remarks>
public sealed record UpsShipmentResult(string ShipmentIdentificationNumber, decimal TotalCharge, string CurrencyCode, IReadOnlyList<UpsPackageResult> Packages)
{
    /// <summary>The negotiated total (<c>NegotiatedRateCharges.TotalCharge</c>) when UPS returned one.</summary>
    public decimal? NegotiatedCharge { get; init; }

    /// <summary>The charge to book: the negotiated total when present, else the published total.</summary>
    public decimal BillableCharge => NegotiatedCharge ?? TotalCharge;
}
