namespace MlConnector.Core.Connectors.Ups;

/// <summary>What to rate or ship. The shipper number comes from the secret store (the connection's, or its <see cref="ShipperAccount"/>'s <c>ups-merchant-id</c>), never from here.</summary>
/// <param name="Shipper">The shipper's name and address (the UPS account holder; billed as bill-shipper).</param>
/// <param name="ShipFrom">Where the goods are picked up.</param>
/// <param name="ShipTo">Where the goods go.</param>
/// <param name="ServiceCode">The UPS service code, for example <c>03</c> (Ground), <c>02</c> (2nd Day Air), <c>01</c> (Next Day Air).</param>
/// <param name="Packages">The packages (at least one).</param>
/// <param name="ReferenceNumber">Our reference (the QBO PurchaseOrder DocNumber or id), at most 35 characters, printed on the label.</param>
/// <remarks>Source: contracts/ups/Shipping.yaml (<c>ShipmentRequest</c>), Rating.yaml (<c>RateRequest</c>).</remarks>
public sealed record UpsShipmentRequest(
    UpsAddress Shipper,
    UpsAddress ShipFrom,
    UpsAddress ShipTo,
    string ServiceCode,
    IReadOnlyList<UpsPackage> Packages,
    string ReferenceNumber)
{
    /// <summary>A description of the goods (<c>Shipment.Description</c>), if any.</summary>
    public string? Description { get; init; }

    /// <summary>Ask for the account's negotiated rates (<c>ShipmentRatingOptions.NegotiatedRatesIndicator</c>).</summary>
    public bool NegotiatedRates { get; init; }

    /// <summary>
    /// A sub-account of the connection to rate and ship under instead of the connection's own UPS account (a FreshBooks
    /// client with its own UPS account number), or null. Letters, digits and hyphens, for example <c>fbc1003</c>: the shipper
    /// number is then the secret <c>SecretName.For("{connectionId}-{ShipperAccount}", "ups-merchant-id")</c>, sent as
    /// <c>Shipper.ShipperNumber</c> and <c>BillShipper.AccountNumber</c>, and the call's client-credentials token is requested
    /// for that account, so its <c>x-merchant-id</c> is that number (OAuthClientCredentials.yaml).
    /// </summary>
    public string? ShipperAccount { get; init; }
}
