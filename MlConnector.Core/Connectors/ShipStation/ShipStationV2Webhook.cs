namespace MlConnector.Core.Connectors.ShipStation;

/// <summary>A V2 webhook (<c>/v2/environment/webhooks</c>, schema <c>webhook</c> in contracts/shipstation/v2/openapi.yaml).</summary>
/// <param name="WebhookId">ShipStation's id (<c>se-…</c>), used to delete it.</param>
/// <param name="Url">The target URL (it may carry a URL secret; never log it whole).</param>
/// <param name="Event">The event: <c>batch</c>, <c>carrier_connected</c>, <c>order_source_refresh_complete</c>, <c>rate</c>,
/// <c>report_complete</c>, <c>sales_orders_imported</c> or <c>track</c>.</param>
public sealed record ShipStationV2Webhook(string WebhookId, string Url, string Event);
