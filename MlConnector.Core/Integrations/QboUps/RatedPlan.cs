using MlConnector.Core.Connectors.Ups;

namespace MlConnector.Core.Integrations.QboUps;

/// <summary>A plan with UPS's rate quote for its service.</summary>
/// <param name="Plan">The plan.</param>
/// <param name="Quote">The quote (money as decimal in <see cref="UpsRateQuote.CurrencyCode"/>).</param>
public sealed record RatedPlan(ShipmentPlan Plan, UpsRateQuote Quote);
