namespace MlConnector.Sandbox.Ups;

/// <summary>A shipment the simulator created through <c>POST /shipments/{version}/ship</c>, as it holds it now.</summary>
/// <param name="ShipmentIdentificationNumber">The shipment identification number (the first package's tracking number, as in UPS's sample response).</param>
/// <param name="ShipperNumber">The shipper (account) number the shipment was created for.</param>
/// <param name="ServiceCode">The UPS service code, for example <c>03</c>.</param>
/// <param name="TrackingNumbers">One 1Z tracking number per package, in request order.</param>
/// <param name="TotalCharge">The published total charge, in <paramref name="CurrencyCode"/>.</param>
/// <param name="NegotiatedCharge">The negotiated total, when it was asked for and the account has negotiated rates.</param>
/// <param name="CurrencyCode">The ISO 4217 currency of the charges (<c>USD</c> unless the account was given another with <see cref="UpsSimulator.SetAccountCurrency"/>).</param>
/// <param name="ReferenceNumber">The first shipment or package reference number sent, if any.</param>
/// <param name="CreatedAt">When it was created, by the simulator's clock (UTC).</param>
/// <param name="Voided">True once voided.</param>
public sealed record UpsSimulatedShipment(
    string ShipmentIdentificationNumber,
    string ShipperNumber,
    string ServiceCode,
    IReadOnlyList<string> TrackingNumbers,
    decimal TotalCharge,
    decimal? NegotiatedCharge,
    string CurrencyCode,
    string? ReferenceNumber,
    DateTimeOffset CreatedAt,
    bool Voided);
