namespace MlConnector.Core.Connectors.ShipStation;

/// <summary>A V1 webhook subscription (<c>GET /webhooks</c>: <c>WebHookID</c>, <c>HookType</c>, <c>Url</c>, <c>Name</c>).</summary>
/// <param name="WebHookId">ShipStation's id, used to unsubscribe.</param>
/// <param name="HookType">The event: <c>ORDER_NOTIFY</c>, <c>SHIP_NOTIFY</c>, <c>FULFILLMENT_SHIPPED</c>…</param>
/// <param name="Url">The target URL (it carries the connection's URL secret; never log it whole).</param>
/// <param name="Name">The friendly name.</param>
public sealed record ShipStationWebhook(long WebHookId, string HookType, string Url, string? Name);
