namespace MlConnector.Core.Storage;

/// <summary>
/// Builds PartitionKey/RowKey values that Table Storage accepts from arbitrary vendor identifiers.
/// </summary>
/// <remarks>
/// Keys may not contain <c>/ \ # ?</c> or control characters and are limited to 1 KiB
/// (https://learn.microsoft.com/rest/api/storageservices/understanding-the-table-service-data-model#characters-disallowed-in-key-fields).
/// Escaping is reversible and keeps ordinary ids readable: the disallowed characters and <c>%</c> become <c>%XX</c>.
/// </remarks>
public static class TableKeys
{
    /// <summary>The separator used between the parts of a composite key.</summary>
    public const char Separator = '|';

    /// <summary>Escapes one key part.</summary>
    /// <param name="value">The raw identifier, for example a ShipStation order number or a QBO entity id.</param>
    /// <returns>A string safe inside a PartitionKey or RowKey.</returns>
    /// <exception cref="ArgumentException">When <paramref name="value"/> is null or empty.</exception>
    public static string Escape(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        StringBuilder? sb = null;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var bad = c is '/' or '\\' or '#' or '?' or '%' or Separator || char.IsControl(c);
            if (bad)
            {
                sb ??= new StringBuilder(value, 0, i, value.Length + 8);
                sb.Append('%').Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                sb?.Append(c);
            }
        }

        return sb?.ToString() ?? value;
    }

    /// <summary>Reverses <see cref="Escape"/>.</summary>
    /// <param name="value">An escaped key part.</param>
    /// <returns>The original identifier.</returns>
    public static string Unescape(string value) => Uri.UnescapeDataString(value);

    /// <summary>Joins escaped parts with <see cref="Separator"/>.</summary>
    /// <param name="parts">Raw parts; each is escaped.</param>
    /// <returns>The composite key.</returns>
    public static string Compose(params string[] parts) => string.Join(Separator, parts.Select(Escape));

    /// <summary>
    /// A RowKey that sorts newest first: inverted ticks, zero-padded to 19 digits.
    /// </summary>
    /// <param name="time">The time, in UTC.</param>
    /// <returns>The inverted-ticks string.</returns>
    public static string InvertedTicks(DateTimeOffset time) =>
        (DateTimeOffset.MaxValue.UtcTicks - time.UtcTicks).ToString("D19", CultureInfo.InvariantCulture);
}
