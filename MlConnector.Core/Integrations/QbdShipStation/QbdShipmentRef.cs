namespace MlConnector.Core.Integrations.QbdShipStation;

/// <summary>A ShipStation shipment to record in QuickBooks Desktop (workflow input): ids and what the memo names, no buyer data.</summary>
/// <param name="ConnectionId">The connection.</param>
/// <param name="OrderId">ShipStation's order id (to fetch the order if it was never seen).</param>
/// <param name="OrderNumber">The order number: the QuickBooks RefNumber.</param>
/// <param name="ShipmentId">The shipment id.</param>
/// <param name="ShipDate">
/// The ship date: ShipStation V1's <c>shipDate</c> is a calendar date with no time (PROTOCOL-NOTES §5), taken as is; null
/// when only an instant is known, in which case the workflow dates it in the company's time zone (<see cref="QbdCompanyCalendar"/>).
/// </param>
/// <param name="CarrierCode">The carrier, for example <c>ups</c>.</param>
/// <param name="TrackingNumber">The tracking number.</param>
public sealed record QbdShipmentRef(string ConnectionId, long OrderId, string OrderNumber, long ShipmentId, DateOnly? ShipDate, string? CarrierCode, string? TrackingNumber);
