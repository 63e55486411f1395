namespace MlConnector.Core.Integrations.ShipStationQbo;

/// <summary>A ShipStation webhook delivery (or a reconciliation find) to fetch and dispatch.</summary>
/// <param name="ConnectionId">The connection.</param>
/// <param name="ResourceType"><c>ORDER_NOTIFY</c>, <c>SHIP_NOTIFY</c> or <c>FULFILLMENT_SHIPPED</c>.</param>
/// <param name="ResourceUrl">The delivery's <c>resource_url</c> (a ShipStation API URL, no credentials in it).</param>
public sealed record NotificationInput(string ConnectionId, string ResourceType, Uri ResourceUrl);
