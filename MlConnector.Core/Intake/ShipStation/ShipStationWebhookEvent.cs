namespace MlConnector.Core.Intake.ShipStation;

/// <summary>
/// One verified ShipStation webhook event as the intake hands it to an <see cref="IShipStationEventHandler"/>.
/// </summary>
/// <remarks>
/// A V1 delivery is <c>{"resource_url": "...", "resource_type": "ORDER_NOTIFY|SHIP_NOTIFY|FULFILLMENT_SHIPPED"}</c>
/// (PROTOCOL-NOTES.md §5): <see cref="ResourceType"/> is one of <see cref="ShipStationWebhookEvents.All"/> and
/// <see cref="ResourceUrl"/> the absolute http(s) URL that lists the new resources (no credentials in it). A V2 delivery
/// (RSA-SHA256 signed, verified before it was recorded) has no V1 shape in our contracts, so it is handed over as it came:
/// <see cref="ResourceType"/> is <see cref="ShipStationWebhookApi.V2Topic"/>, <see cref="ResourceUrl"/> is null and
/// <see cref="V2Body"/> holds the raw JSON.
/// </remarks>
/// <param name="DeliveryId">The intake's delivery id (32 hex digits); the same on every dispatch attempt of one delivery.</param>
/// <param name="ConnectionId">The connection named by the webhook URL.</param>
/// <param name="ResourceType">The V1 event (<c>ORDER_NOTIFY</c>, …) or <see cref="ShipStationWebhookApi.V2Topic"/>.</param>
/// <param name="ResourceUrl">The V1 <c>resource_url</c>, or null for a V2 event.</param>
/// <param name="V2Body">A V2 event's raw JSON body, or null for a V1 notification.</param>
public sealed record ShipStationWebhookEvent(string DeliveryId, string ConnectionId, string ResourceType, Uri? ResourceUrl, string? V2Body)
{
    /// <summary>True for a verified V2 event (<see cref="V2Body"/> set), false for a V1 notification.</summary>
    public bool IsV2 => V2Body is not null;
}
