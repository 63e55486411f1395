using MlConnector.Core.Connectors.Ups;

namespace MlConnector.Core.Shipping.Ups;

/// <summary>How a UPS package status is written for people and keyed for workflows. Pure; no I/O.</summary>
public static class UpsTrackingText
{
    /// <summary>A status as one line: description, local activity time and place.</summary>
    /// <param name="status">The status.</param>
    /// <returns>The text, for example <c>Delivered 2026-11-25 10:14 (Alpharetta, GA, US)</c>.</returns>
    public static string StatusText(UpsTrackingStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        if (!status.Found)
        {
            return "No UPS tracking information yet";
        }

        var text = new StringBuilder(status.Description ?? status.StatusType ?? "Status unknown");
        if (status.ActivityLocalTime is { } when)
        {
            text.Append(' ').Append(when.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
        }

        if (!string.IsNullOrWhiteSpace(status.Location))
        {
            text.Append(" (").Append(status.Location).Append(')');
        }

        return text.ToString();
    }

    /// <summary>One package's line in a document's tracking text: tracking number and its row's status.</summary>
    /// <param name="package">The package row.</param>
    /// <returns>The line, for example <c>1Z…: Delivered 2026-11-25 10:14 (Alpharetta, GA, US)</c>.</returns>
    public static string PackageLine(UpsShipmentRecord package)
    {
        ArgumentNullException.ThrowIfNull(package);
        return $"{package.TrackingNumber}: {package.StatusText}";
    }

    /// <summary>
    /// The end of a write-back's audit detail: what the document shows after it (its last pass, corrections included), so
    /// the row says whose status is on the document even when this write-back wrote another's.
    /// </summary>
    /// <param name="packageLines">The package lines written (<see cref="PackageLine"/>).</param>
    /// <returns>For example <c>now shows 1Z…: Delivered …; 1Z…: Pickup Scan …</c>.</returns>
    public static string NowShows(IEnumerable<string> packageLines) => "now shows " + string.Join("; ", packageLines);

    /// <summary>The key that makes one tracking workflow per distinct status: type, code and activity time.</summary>
    /// <param name="status">The status.</param>
    /// <returns>The key.</returns>
    public static string StatusKey(UpsTrackingStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var when = status.ActivityLocalTime?.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) ?? "-";
        return $"{status.StatusType ?? "-"}{status.StatusCode ?? "-"}:{when}";
    }

    /// <summary>
    /// Whether an event is older than what the row shows (pushes and polls arrive out of order): a package once delivered
    /// is not set back by a later-arriving earlier scan, and an event whose local activity time is before the applied one
    /// is ignored.
    /// </summary>
    /// <param name="row">The package as stored.</param>
    /// <param name="status">The incoming status.</param>
    /// <returns>True when the status must not be applied.</returns>
    public static bool IsStale(UpsShipmentRecord row, UpsTrackingStatus status)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(status);
        return (row.Delivered && !status.Delivered)
            || (status.ActivityLocalTime is { } incoming && row.StatusActivityLocalTime is { } applied && incoming < applied);
    }
}
