namespace MlConnector.Core.Integrations.QbdShipStation;

/// <summary>
/// The QuickBooks company's calendar: the date of an instant in the company's time zone (<c>qbd.timeZone</c>, an IANA id;
/// UTC when unset or unknown). <see cref="TimeZoneInfo.ConvertTime(DateTimeOffset, TimeZoneInfo)"/> applies the zone's
/// daylight-saving rules to the instant, so the date is right on both sides of a DST change (an instant has exactly one
/// local time; only local-to-UTC conversions are ambiguous).
/// </summary>
public static class QbdCompanyCalendar
{
    /// <summary>The company-local date of an instant.</summary>
    /// <param name="instantUtc">The instant.</param>
    /// <param name="timeZoneId">The company's IANA time zone, or null.</param>
    /// <returns>The date.</returns>
    public static DateOnly DateOf(DateTimeOffset instantUtc, string? timeZoneId)
    {
        var zone = TimeZoneInfo.Utc;
        if (!string.IsNullOrWhiteSpace(timeZoneId) && TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out var found))
        {
            zone = found;
        }

        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instantUtc, zone).DateTime);
    }
}
