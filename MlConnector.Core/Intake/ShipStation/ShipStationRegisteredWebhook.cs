namespace MlConnector.Core.Intake.ShipStation;

/// <summary>One ShipStation webhook subscription made by <see cref="ShipStationWebhookRegistration"/>.</summary>
/// <param name="WebHookId">ShipStation's subscription id.</param>
/// <param name="Event">The event, for example <c>ORDER_NOTIFY</c>.</param>
/// <param name="Url">The target URL with its secret elided (<c>…/api/webhooks/shipstation/{id}/…</c>).</param>
public sealed record ShipStationRegisteredWebhook(long WebHookId, string Event, string Url);
