namespace MlConnector.Core.Integrations.QbdShipStation;

/// <summary>What the shipment workflow needs to know of an order (activity output).</summary>
/// <param name="Review">Its check against QuickBooks.</param>
/// <param name="Missing">What QuickBooks does not know, when flagged.</param>
/// <param name="Posting"><c>invoice</c> or <c>journal</c> (the connection's <c>qbd.posting</c>).</param>
/// <param name="TimeZone">The company's IANA time zone (<c>qbd.timeZone</c>), or null for UTC.</param>
/// <param name="Amount">The amount QuickBooks should hold for the order as ShipStation has it now (<see cref="QbdPostingLines.Amount"/>), or null when not computed.</param>
public sealed record QbdOrderState(QbdOrderReview Review, string? Missing, string Posting, string? TimeZone, decimal? Amount = null);
