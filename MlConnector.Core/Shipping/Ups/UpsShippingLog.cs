namespace MlConnector.Core.Shipping.Ups;

/// <summary>Log messages of the shared UPS shipping piece (EventIds 5150–5199).</summary>
internal static partial class UpsShippingLog
{
    [LoggerMessage(EventId = 5150, EventName = "UpsTrackAlertRenewalDone", Level = LogLevel.Information,
        Message = "Track Alert renewal for connection {ConnectionId}: {Due} due, {Accepted} renewed, {Rejected} refused")]
    public static partial void RenewalDone(this ILogger logger, string connectionId, int due, int accepted, int rejected);

    [LoggerMessage(EventId = 5151, EventName = "UpsShippingJobFailed", Level = LogLevel.Error,
        Message = "{Job} failed for connection {ConnectionId}; the other connections go on")]
    public static partial void JobFailed(this ILogger logger, Exception exception, string job, string connectionId);

    [LoggerMessage(EventId = 5152, EventName = "UpsTrackingPolled", Level = LogLevel.Information,
        Message = "Tracking poll for connection {ConnectionId}: {Packages} packages, {Changed} new statuses, {Started} updates started")]
    public static partial void TrackingPolled(this ILogger logger, string connectionId, int packages, int changed, int started);

    [LoggerMessage(EventId = 5153, EventName = "UpsQuantumViewPolled", Level = LogLevel.Information,
        Message = "Quantum View poll for connection {ConnectionId}: {Events} events, {Started} updates started")]
    public static partial void QuantumViewPolled(this ILogger logger, string connectionId, int events, int started);
}
