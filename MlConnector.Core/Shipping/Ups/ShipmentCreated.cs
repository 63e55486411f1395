namespace MlConnector.Core.Shipping.Ups;

/// <summary>The UPS shipment of a source document, as created or found (<see cref="UpsShippingSteps.CreateShipmentAsync"/>).</summary>
/// <param name="ShipmentIdentificationNumber">UPS's shipment identification number.</param>
/// <param name="TrackingNumbers">One 1Z tracking number per package.</param>
/// <param name="Charge">The charge to book (negotiated when UPS returned one), decimal in <paramref name="CurrencyCode"/>.</param>
/// <param name="CurrencyCode">The ISO 4217 currency.</param>
/// <param name="Created">False when the shipment already existed (a retry, replay or redelivery).</param>
public sealed record ShipmentCreated(string ShipmentIdentificationNumber, IReadOnlyList<string> TrackingNumbers, decimal Charge, string CurrencyCode, bool Created);
