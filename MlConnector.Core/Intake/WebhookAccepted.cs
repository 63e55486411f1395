namespace MlConnector.Core.Intake;

/// <summary>
/// The JSON answer to a delivery the intake recorded, <c>{"accepted":true,"deliveryId":"…"}</c>: verified and durably
/// recorded, not yet dispatched. A redelivery is recorded again and suppressed at dispatch.
/// </summary>
/// <param name="DeliveryId">The delivery id (its queue message, logs and poison entry carry it).</param>
/// <param name="InstanceId">The workflow instance the delivery will start, when the vendor's payload fixes it at receipt (UPS Track Alert); otherwise null.</param>
public sealed record WebhookAccepted(string DeliveryId, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? InstanceId = null)
{
    /// <summary>Always true: the delivery was accepted.</summary>
    [JsonPropertyOrder(-1)]
    public bool Accepted { get; init; } = true;
}
