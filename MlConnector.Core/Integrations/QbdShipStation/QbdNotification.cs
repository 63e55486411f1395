namespace MlConnector.Core.Integrations.QbdShipStation;

/// <summary>A ShipStation V1 webhook delivery for a <c>qbd-shipstation</c> connection (workflow input).</summary>
/// <param name="ConnectionId">The connection.</param>
/// <param name="ResourceType"><c>ORDER_NOTIFY</c> or <c>SHIP_NOTIFY</c>.</param>
/// <param name="ResourceUrl">The <c>resource_url</c> to fetch (on the connection's ShipStation host).</param>
public sealed record QbdNotification(string ConnectionId, string ResourceType, Uri ResourceUrl);
