using MlConnector.Core.Connectors.Ups;

namespace MlConnector.Core.Shipping.Ups;

/// <summary>
/// A source document turned into a UPS shipment request by its integration: what the shared steps
/// (<see cref="UpsShippingSteps"/>) validate, rate and ship. Addresses, service and packages; never credentials.
/// </summary>
/// <param name="ConnectionId">The connection that ships (its UPS credentials and shipper number are used).</param>
/// <param name="IntegrationKind">The integration kind that owns the shipment (<c>qbo-ups</c>, <c>freshbooks-ups</c>); recorded on every package row and used to route its tracking.</param>
/// <param name="Source">The document shipped.</param>
/// <param name="Request">The shipment to validate, rate and create.</param>
/// <param name="ShipToField">Where the ship-to address lives in the source system, named in data errors (QBO <c>ShipAddr</c>).</param>
/// <param name="SourceSystemName">The source system as the merchant knows it, named in data errors (<c>QuickBooks Online</c>).</param>
public sealed record UpsShipmentPlan(
    string ConnectionId,
    string IntegrationKind,
    SourceDocument Source,
    UpsShipmentRequest Request,
    string ShipToField,
    string SourceSystemName);
