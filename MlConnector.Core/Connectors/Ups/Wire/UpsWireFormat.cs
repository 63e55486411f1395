namespace MlConnector.Core.Connectors.Ups.Wire;

/// <summary>Readers of UPS's date, time and location text, shared by the Tracking answer and the Track Alert push.</summary>
internal static class UpsWireFormat
{
    /// <summary>Reads <c>YYYYMMDD</c> (UPS dates); null when empty or malformed.</summary>
    public static DateOnly? ParseDate(string? value) =>
        DateOnly.TryParseExact(value?.Trim(), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    /// <summary>
    /// Reads a UPS date (<c>YYYYMMDD</c>) and time (<c>HHMMSS</c>; Tracking sends <c>gmtTime</c> without the leading zero,
    /// for example <c>74700</c>) as a wall-clock time with offset zero; null when either is missing or malformed.
    /// </summary>
    public static DateTimeOffset? ParseDateTime(string? date, string? time)
    {
        if (ParseDate(date) is not { } day || string.IsNullOrWhiteSpace(time))
        {
            return null;
        }

        return TimeOnly.TryParseExact(time.Trim().PadLeft(6, '0'), "HHmmss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var clock)
            ? new DateTimeOffset(day.ToDateTime(clock), TimeSpan.Zero)
            : null;
    }

    /// <summary>Joins the non-empty parts of a location with ", ", or null.</summary>
    public static string? JoinLocation(params string?[] parts)
    {
        var present = parts.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p!.Trim()).ToList();
        return present.Count == 0 ? null : string.Join(", ", present);
    }
}
