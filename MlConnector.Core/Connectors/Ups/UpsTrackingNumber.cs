using System.Text.RegularExpressions;

namespace MlConnector.Core.Connectors.Ups;

/// <summary>
/// The shape of a UPS tracking number as Track Alert accepts and sends it: <c>1Z</c> followed by 16 characters, or
/// <c>1R</c> followed by 14 or 26 characters, each an ASCII digit or upper-case letter
/// (contracts/ups/UPSTrackAlert.yaml, <c>components.schemas.TrackingNumber</c>, lines 841–848:
/// <c>(^1Z[0-9A-Z]{16}$)|(^1R[0-9A-Z]{14}$)|(^1R[0-9A-Z]{26}$)</c>). Anything else, non-ASCII included, is not one. The
/// pattern and the description agree; the schema's third example (<c>1R123456789123456789012345</c>, 24 characters after
/// <c>1R</c>) does not, and is taken for a typo. Only these are accepted because only these can be subscribed to Track
/// Alert, so only these can be pushed to us.
/// </summary>
public static partial class UpsTrackingNumber
{
    /// <summary>Whether a text is a UPS tracking number of a documented shape.</summary>
    /// <param name="value">The text, as received (not trimmed).</param>
    /// <returns>True for <c>1Z</c>+16 or <c>1R</c>+14/26 ASCII digits and upper-case letters.</returns>
    public static bool IsValid(string? value) => value is not null && Shape().IsMatch(value);

    [GeneratedRegex(@"\A(?:1Z[0-9A-Z]{16}|1R[0-9A-Z]{14}|1R[0-9A-Z]{26})\z", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
