namespace MlConnector.Core.Connectors.Ups;

/// <summary>The latest known status of one package, from the Tracking API or a Track Alert event.</summary>
/// <param name="TrackingNumber">The 1Z tracking number.</param>
/// <param name="Found">False when UPS has no information for the number (Tracking warning <c>TW0001</c>).</param>
/// <remarks>Source: contracts/ups/Tracking.yaml (<c>Package.currentStatus</c>, <c>activity</c>, <c>deliveryDate</c>), UPSTrackAlert.yaml (<c>TrackingEventRequest</c>).</remarks>
public sealed record UpsTrackingStatus(string TrackingNumber, bool Found)
{
    /// <summary>UPS's status type: <c>D</c> delivered, <c>I</c> in transit, <c>X</c> exception, <c>P</c> pickup, <c>M</c> manifest (label created), …</summary>
    public string? StatusType { get; init; }

    /// <summary>UPS's 3-digit status code (for example <c>011</c> delivered): Tracking <c>currentStatus.statusCode</c>, Track Alert <c>activityStatus.descriptionCode</c>.</summary>
    public string? StatusCode { get; init; }

    /// <summary>
    /// UPS's 2-character activity code (Tracking <c>currentStatus.code</c>, Track Alert <c>activityStatus.code</c>), for
    /// example <c>FS</c> delivered or <c>OT</c> out for delivery.
    /// </summary>
    public string? ActivityCode { get; init; }

    /// <summary>UPS's status description, for example <c>Delivered</c>.</summary>
    public string? Description { get; init; }

    /// <summary>When the latest activity happened. UPS gives a local date and time without an offset; it is kept as that local wall-clock time with offset zero and labelled local in <see cref="Location"/>'s time zone.</summary>
    public DateTimeOffset? ActivityLocalTime { get; init; }

    /// <summary>
    /// When the latest activity happened in UTC, from UPS's GMT date and time (Tracking <c>gmtDate</c>/<c>gmtTime</c>,
    /// Track Alert <c>gmtActivityDate</c>/<c>gmtActivityTime</c>); null when UPS gave none. Use it to order events.
    /// </summary>
    public DateTimeOffset? ActivityTimeUtc { get; init; }

    /// <summary>Where the latest activity happened (city, state, country), if given.</summary>
    public string? Location { get; init; }

    /// <summary>The scheduled delivery date, if UPS gave one.</summary>
    public DateOnly? ScheduledDeliveryDate { get; init; }

    /// <summary>The date UPS delivered the package (Tracking <c>deliveryDate</c> of type <c>DEL</c>, Track Alert <c>actualDeliveryDate</c>), if delivered.</summary>
    public DateOnly? DeliveredDate { get; init; }

    /// <summary>True when the package is delivered (status type <c>D</c>).</summary>
    public bool Delivered => string.Equals(StatusType, "D", StringComparison.OrdinalIgnoreCase);
}
