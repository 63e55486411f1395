using System.Security.Cryptography;

namespace MlConnector.Core.Integrations.ShipStationQbo;

/// <summary>
/// The display names a buyer's QBO customer may take, in order, and the note that marks the customer as the buyer's.
/// QBO requires a DisplayName unique across customers, vendors and employees and answers a second one with 6240
/// "Duplicate Name Exists Error" (IntuitNamesTypes.xsd, Customer business rules: "The customer name must be unique";
/// PROTOCOL-NOTES.md §2, common codes). Every candidate is a function of the buyer alone, so the same buyer always tries
/// the same names in the same order and two racing runs for one buyer collide on the same name.
/// </summary>
/// <remarks>
/// <list type="number">
/// <item>the name: <c>Jane Smith</c>;</item>
/// <item>the name and the buyer's label: <c>Jane Smith (jane.smith@example.com)</c>, <c>Jane Smith (ShipStation customer 123)</c>;</item>
/// <item>the name and 8 hex characters of the SHA-256 of the key: <c>Jane Smith (1a2b3c4d)</c>, for when the second is
/// taken too or the label is too long.</item>
/// </list>
/// Names are cut to <see cref="MaxDisplayNameLength"/> characters. Intuit's XSDs give no DisplayName length; third-party
/// import guides report 100 (support.zed-systems.com, "Import customer lists into QuickBooks Online") and 500
/// (cwestblog.com 2020-10-14), so the smaller is kept. Parentheses are accepted in display names (Workato's list of
/// accepted characters, support.workato.com "QuickBooks error: Duplicate Name Exists").
/// </remarks>
public static class ShipStationQboCustomerNames
{
    /// <summary>The longest display name ml-connector creates.</summary>
    public const int MaxDisplayNameLength = 100;

    /// <summary>The start of the note that records the buyer's key on the customer.</summary>
    public const string MarkerPrefix = "ml-connector ShipStation buyer: ";

    private const int LongestLabel = 60;

    /// <summary>The display names to try, most readable first, without repeats.</summary>
    /// <param name="buyer">The buyer.</param>
    /// <returns>Two or three names, each at most <see cref="MaxDisplayNameLength"/> characters.</returns>
    public static IReadOnlyList<string> Candidates(ShipStationBuyer buyer)
    {
        ArgumentNullException.ThrowIfNull(buyer);
        var names = new List<string> { Cut(buyer.Name, MaxDisplayNameLength) };
        if (buyer.Label.Length <= LongestLabel && !string.Equals(buyer.Name, buyer.Label, StringComparison.OrdinalIgnoreCase))
        {
            names.Add(WithSuffix(buyer.Name, buyer.Label));
        }

        names.Add(WithSuffix(buyer.Name, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(buyer.Key)))[..8]));
        return [.. names.Distinct(StringComparer.Ordinal)];
    }

    /// <summary>The note written on a customer created for the buyer (QBO Customer.Notes, at most 1024 characters).</summary>
    /// <param name="buyer">The buyer.</param>
    /// <returns><c>ml-connector ShipStation buyer: {key}</c>.</returns>
    public static string Marker(ShipStationBuyer buyer)
    {
        ArgumentNullException.ThrowIfNull(buyer);
        return MarkerPrefix + buyer.Key;
    }

    /// <summary>Whether a customer's notes carry the buyer's marker line.</summary>
    /// <param name="notes">The customer's notes.</param>
    /// <param name="buyer">The buyer.</param>
    /// <returns>True when one line of the notes is exactly the marker.</returns>
    public static bool IsMarkedFor(string? notes, ShipStationBuyer buyer)
    {
        var marker = Marker(buyer);
        return notes is not null && notes.Split('\n').Any(line => string.Equals(line.Trim(), marker, StringComparison.Ordinal));
    }

    private static string WithSuffix(string name, string suffix) =>
        $"{Cut(name, MaxDisplayNameLength - suffix.Length - 3)} ({suffix})";

    private static string Cut(string value, int length)
    {
        if (value.Length <= length)
        {
            return value;
        }

        // Never split a surrogate pair.
        var end = char.IsHighSurrogate(value[length - 1]) ? length - 1 : length;
        return value[..end].TrimEnd();
    }
}
