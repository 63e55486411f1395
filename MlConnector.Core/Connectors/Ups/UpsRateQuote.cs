namespace MlConnector.Core.Connectors.Ups;

/// <summary>One rated service.</summary>
/// <param name="ServiceCode">The UPS service code.</param>
/// <param name="TotalCharge">The published total charge (<c>TotalCharges.MonetaryValue</c>).</param>
/// <param name="CurrencyCode">The ISO 4217 currency of the charges (<c>TotalCharges.CurrencyCode</c>).</param>
/// <remarks>Source: contracts/ups/Rating.yaml (<c>RateResponse_RatedShipment</c>, object or array).</remarks>
public sealed record UpsRateQuote(string ServiceCode, decimal TotalCharge, string CurrencyCode)
{
    /// <summary>The negotiated total (<c>NegotiatedRateCharges.TotalCharge.MonetaryValue</c>) when UPS returned one.</summary>
    public decimal? NegotiatedCharge { get; init; }

    /// <summary>The charge to book: the negotiated total when present, else the published total.</summary>
    public decimal BillableCharge => NegotiatedCharge ?? TotalCharge;

    /// <summary>UPS's alerts on the rated shipment (<c>RatedShipmentAlert.Description</c>).</summary>
    public IReadOnlyList<string> Alerts { get; init; } = [];
}
