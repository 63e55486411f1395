namespace MlConnector.Sandbox.ShipStation;

/// <summary>One delivery attempt of a simulated webhook.</summary>
/// <param name="SubscriptionId">The V1 <c>WebHookID</c> or V2 <c>webhook_id</c>.</param>
/// <param name="Event">The V1 hook type or V2 event.</param>
/// <param name="TargetUrl">Where it was (or would have been) posted.</param>
/// <param name="Body">The JSON body posted.</param>
/// <param name="StatusCode">The receiver's status code; null when dropped or when the POST failed.</param>
/// <param name="Dropped">True when <see cref="ShipStationWebhookDelivery.Drop"/> suppressed it.</param>
/// <param name="Error">The transport error, if the POST failed.</param>
public sealed record ShipStationWebhookDeliveryResult(string SubscriptionId, string Event, Uri TargetUrl, string Body, int? StatusCode, bool Dropped, string? Error);
