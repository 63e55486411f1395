namespace MlConnector.Core.Connectors.QuickBooksOnline.Webhooks;

/// <summary>
/// Reads the date-times QBO writes: ISO 8601 with an offset written with or without a colon
/// (<c>2015-10-05T14:42:19-0700</c> in the legacy webhook sample, <c>2016-10-05T03:09:04.000Z</c>,
/// <c>2025-10-07T19:59:07.034359333Z</c> with nanoseconds in the CloudEvents sample).
/// </summary>
public static class QboTime
{
    /// <summary>Parses a QBO date-time to UTC.</summary>
    /// <param name="text">The text.</param>
    /// <param name="utc">The time, in UTC.</param>
    /// <returns>Whether it could be read.</returns>
    public static bool TryParse(string? text, out DateTimeOffset utc)
    {
        utc = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var value = text.Trim();

        // .NET reads at most 7 fractional digits: cut nanoseconds down to ticks.
        var dot = value.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0)
        {
            var end = dot + 1;
            while (end < value.Length && char.IsAsciiDigit(value[end]))
            {
                end++;
            }

            if (end - dot - 1 > 7)
            {
                value = value[..(dot + 8)] + value[end..];
            }
        }

        // An offset without a colon (-0700) becomes -07:00.
        if (value.Length > 5 && (value[^5] is '+' or '-') && value[^4..].All(char.IsAsciiDigit) && value.Contains('T', StringComparison.Ordinal))
        {
            value = value[..^2] + ":" + value[^2..];
        }

        if (!DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            return false;
        }

        utc = parsed.ToUniversalTime();
        return true;
    }
}
