namespace MlConnector.Core.Integrations.QboUps;

/// <summary>Log messages of the QBO ↔ UPS integration (EventIds 5100–5149).</summary>
internal static partial class QboUpsLog
{
    [LoggerMessage(EventId = 5100, EventName = "QboUpsRenewalDone", Level = LogLevel.Information,
        Message = "Track Alert renewal for connection {ConnectionId}: {Due} due, {Accepted} renewed, {Rejected} refused")]
    public static partial void RenewalDone(this ILogger logger, string connectionId, int due, int accepted, int rejected);

    [LoggerMessage(EventId = 5101, EventName = "QboUpsJobFailed", Level = LogLevel.Error,
        Message = "{Job} failed for connection {ConnectionId}; the other connections go on")]
    public static partial void JobFailed(this ILogger logger, Exception exception, string job, string connectionId);

    [LoggerMessage(EventId = 5102, EventName = "QboUpsTrackingPolled", Level = LogLevel.Information,
        Message = "Tracking poll for connection {ConnectionId}: {Packages} packages, {Changed} new statuses, {Started} updates started")]
    public static partial void TrackingPolled(this ILogger logger, string connectionId, int packages, int changed, int started);

    [LoggerMessage(EventId = 5103, EventName = "QboUpsTrackAlertRejected", Level = LogLevel.Warning,
        Message = "Track Alert push for connection {ConnectionId} rejected: {Reason}")]
    public static partial void TrackAlertRejected(this ILogger logger, string connectionId, string reason);

    [LoggerMessage(EventId = 5104, EventName = "QboUpsTrackAlertAccepted", Level = LogLevel.Information,
        Message = "Track Alert push for connection {ConnectionId}, package {TrackingNumber}: {Status} (duplicate: {Duplicate})")]
    public static partial void TrackAlertAccepted(this ILogger logger, string connectionId, string trackingNumber, string? status, bool duplicate);
}
