using MlConnector.Core.Shipping.Ups;

namespace MlConnector.Core.Integrations.QboUps;

/// <summary>What to post to QBO for a shipment's cost.</summary>
/// <param name="Rated">The plan and its quote.</param>
/// <param name="Shipment">The shipment.</param>
public sealed record CostPostingRequest(RatedPlan Rated, ShipmentCreated Shipment);
