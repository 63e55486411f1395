namespace MlConnector.Sandbox.Ups;

/// <summary>One Track Alert event the simulator POSTed (or tried to POST) to the configured webhook.</summary>
/// <param name="TrackingNumber">The package the event is about.</param>
/// <param name="Url">Where it was posted.</param>
/// <param name="Body">The <c>TrackingEventRequest</c> JSON body (UPSTrackAlert.yaml, <c>webhooks.TrackingEvent</c>).</param>
/// <param name="StatusCode">The receiver's HTTP status; null when the POST failed.</param>
/// <param name="Error">The transport error, when the POST failed.</param>
/// <param name="SentAt">When it was sent, by the simulator's clock (UTC).</param>
public sealed record UpsTrackAlertPush(string TrackingNumber, Uri Url, string Body, int? StatusCode, string? Error, DateTimeOffset SentAt);
