namespace MlConnector.Core.Connectors.ShipStation;

/// <summary>
/// Converts ShipStation V1 datetimes, which are US Pacific wall-clock times with no offset in the string (for example
/// <c>2015-06-29T08:46:27.0000000</c>), to and from UTC.
/// </summary>
/// <remarks>
/// <para>Source: "Datetimes are in US Pacific time" (https://docs.shipstation.com/apis/shipstation-v1/docs/start-here/requirements;
/// PROTOCOL-NOTES §5); the string format is the one in the V1 order model examples
/// (https://docs.shipstation.com/apis/shipstation-v1/docs/models/order).</para>
/// <para>Daylight-saving edges, where a Pacific wall-clock time does not name one instant:</para>
/// <list type="bullet">
/// <item>Ambiguous (the repeated hour when clocks fall back, 01:00–01:59): read as the <em>earlier</em> instant (PDT),
/// so a modifyDate watermark never moves past a change.</item>
/// <item>Invalid (the skipped hour when clocks spring forward, 02:00–02:59): read with the standard offset (PST, UTC−8).</item>
/// <item>A filter sent to ShipStation (<see cref="FormatForFilter"/>) that falls in the repeated hour is moved one hour
/// earlier, so ShipStation cannot read it as the later instant and skip an hour of changes. A lower bound that is
/// slightly early only re-reads orders, which ml-connector syncs idempotently.</item>
/// </list>
/// </remarks>
public static class ShipStationPacificTime
{
    private const string FilterFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff";

    /// <summary>The US Pacific time zone (IANA <c>America/Los_Angeles</c>; Windows <c>Pacific Standard Time</c> as a fallback).</summary>
    public static TimeZoneInfo Zone { get; } = FindZone();

    /// <summary>Converts a Pacific wall-clock time to UTC. The <see cref="DateTime.Kind"/> is ignored.</summary>
    /// <param name="pacific">The Pacific wall-clock time.</param>
    /// <returns>The instant, with offset zero.</returns>
    public static DateTimeOffset ToUtc(DateTime pacific)
    {
        var local = DateTime.SpecifyKind(pacific, DateTimeKind.Unspecified);
        TimeSpan offset;
        if (Zone.IsInvalidTime(local))
        {
            offset = Zone.BaseUtcOffset;
        }
        else if (Zone.IsAmbiguousTime(local))
        {
            offset = Zone.GetAmbiguousTimeOffsets(local).Max();
        }
        else
        {
            offset = Zone.GetUtcOffset(local);
        }

        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    /// <summary>
    /// Parses a V1 datetime. A string without an offset is Pacific time (what ShipStation V1 sends); a string that
    /// carries <c>Z</c> or an offset is taken as that instant.
    /// </summary>
    /// <param name="value">The vendor string.</param>
    /// <param name="utc">The instant in UTC, or <see langword="null"/> when <paramref name="value"/> is null or empty.</param>
    /// <returns>False when the string is not a date and time.</returns>
    public static bool TryParse(string? value, out DateTimeOffset? utc)
    {
        utc = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            return true;
        }

        if (!DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.RoundtripKind, out var parsed))
        {
            return false;
        }

        if (parsed.Kind == DateTimeKind.Unspecified)
        {
            utc = ToUtc(parsed);
            return true;
        }

        if (!DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var withOffset))
        {
            return false;
        }

        utc = withOffset.ToUniversalTime();
        return true;
    }

    /// <summary>
    /// Parses a V1 date (for example a shipment's <c>shipDate</c>, <c>2015-06-30</c>), which has no time of day: the
    /// result is UTC midnight of that calendar date, with no time-zone conversion.
    /// </summary>
    /// <param name="value">The vendor string (a date, or a datetime whose date part is used).</param>
    /// <param name="utcMidnight">UTC midnight of the date, or <see langword="null"/> when the value is null or empty.</param>
    /// <returns>False when the string is not a date.</returns>
    public static bool TryParseDate(string? value, out DateTimeOffset? utcMidnight)
    {
        utcMidnight = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            return true;
        }

        if (!DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.RoundtripKind, out var parsed))
        {
            return false;
        }

        utcMidnight = new DateTimeOffset(DateTime.SpecifyKind(parsed.Date, DateTimeKind.Unspecified), TimeSpan.Zero);
        return true;
    }

    /// <summary>
    /// Formats a UTC instant as the Pacific wall-clock string ShipStation V1 expects in date filters such as
    /// <c>modifyDateStart</c> (the same <c>yyyy-MM-ddTHH:mm:ss.fffffff</c> shape V1 uses in its responses). An instant in
    /// the repeated fall-back hour is moved one hour earlier (see the remarks on the class).
    /// </summary>
    /// <param name="utc">The instant.</param>
    /// <returns>The Pacific wall-clock string, without an offset.</returns>
    public static string FormatForFilter(DateTimeOffset utc)
    {
        var local = TimeZoneInfo.ConvertTime(utc, Zone).DateTime;
        if (Zone.IsAmbiguousTime(local))
        {
            var offsets = Zone.GetAmbiguousTimeOffsets(local);
            local -= offsets.Max() - offsets.Min();
        }

        return local.ToString(FilterFormat, CultureInfo.InvariantCulture);
    }

    private static TimeZoneInfo FindZone()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles");
        }
        catch (TimeZoneNotFoundException)
        {
            // Windows without ICU (InvariantGlobalization) knows only Windows zone ids.
            return TimeZoneInfo.FindSystemTimeZoneById("Pacific Standard Time");
        }
    }
}
