namespace MlConnector.Core.Intake;

/// <summary>
/// One verified webhook delivery as the intake records it: one Azure Storage queue message (JSON, base64-encoded as the
/// Functions queue trigger expects), with the raw body inline, or in a blob when the message would pass the queue's
/// 64 KiB limit. The dispatcher hands it to the vendor's <see cref="IWebhookDeliveryHandler"/> off the request path.
/// </summary>
/// <param name="Id">The delivery id (32 hex digits), given at receipt; a poison delivery keeps it.</param>
/// <param name="Vendor">The handler that dispatches it (<see cref="IWebhookDeliveryHandler.Vendor"/>), for example <c>qbo</c>.</param>
/// <param name="ConnectionId">The connection from the URL, or null when the vendor routes by a key in the body (QBO realm).</param>
/// <param name="Topic">What the vendor said the delivery is about (ShipStation's <c>resource_type</c>, <c>v2</c>, …), for logs and the handler.</param>
/// <param name="ReceivedAt">When the request path accepted it (UTC).</param>
/// <param name="Body">The raw body as received (already verified), or null when it is in <paramref name="BodyBlob"/>.</param>
/// <param name="BodyBlob">The blob holding the body when it was too big for the message, or null.</param>
public sealed record WebhookDelivery(
    string Id,
    string Vendor,
    string? ConnectionId,
    string? Topic,
    DateTimeOffset ReceivedAt,
    byte[]? Body,
    string? BodyBlob);
