namespace MlConnector.Core.Intake.Ups;

/// <summary>Log messages of the UPS Track Alert intake (EventIds 5180–5189).</summary>
internal static partial class UpsIntakeLog
{
    [LoggerMessage(EventId = 5180, EventName = "UpsTrackAlertRejected", Level = LogLevel.Warning,
        Message = "Track Alert push for connection {ConnectionId} rejected: {Reason}")]
    public static partial void TrackAlertRejected(this ILogger logger, string connectionId, string reason);

    [LoggerMessage(EventId = 5181, EventName = "UpsTrackAlertAccepted", Level = LogLevel.Information,
        Message = "Track Alert push for connection {ConnectionId}, package {TrackingNumber}: {Status} (duplicate: {Duplicate})")]
    public static partial void TrackAlertAccepted(this ILogger logger, string connectionId, string trackingNumber, string? status, bool duplicate);

    [LoggerMessage(EventId = 5182, EventName = "UpsTrackAlertUnowned", Level = LogLevel.Warning,
        Message = "Track Alert push for connection {ConnectionId}, package {TrackingNumber}: no integration that ships owns it; nothing started")]
    public static partial void TrackAlertUnowned(this ILogger logger, string connectionId, string trackingNumber);
}
