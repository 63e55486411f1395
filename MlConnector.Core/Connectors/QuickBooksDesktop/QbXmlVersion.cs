namespace MlConnector.Core.Connectors.QuickBooksDesktop;

/// <summary>
/// A qbXML version we write (<c>&lt;?qbxml version="13.0"?&gt;</c>). We support 13.0 (the floor) and 16.0, the two whose
/// XSDs we validate against (contracts/quickbooks-desktop/qbxml-xsd); <see cref="Pick"/> chooses from what QuickBooks
/// offers in <c>sendRequestXML</c>'s <c>qbXMLMajorVers</c>/<c>qbXMLMinorVers</c> (PROTOCOL-NOTES §3).
/// </summary>
/// <param name="Major">The major version.</param>
/// <param name="Minor">The minor version.</param>
public sealed record QbXmlVersion(int Major, int Minor)
{
    /// <summary>qbXML 13.0, the floor (QuickBooks 2014 and later).</summary>
    public static readonly QbXmlVersion V13 = new(13, 0);

    /// <summary>qbXML 16.0.</summary>
    public static readonly QbXmlVersion V16 = new(16, 0);

    /// <summary>The highest supported version not above what QuickBooks offers.</summary>
    /// <param name="offeredMajor">QuickBooks' <c>qbXMLMajorVers</c>.</param>
    /// <param name="offeredMinor">QuickBooks' <c>qbXMLMinorVers</c>.</param>
    /// <returns>16.0 or 13.0.</returns>
    /// <exception cref="NotSupportedException">When QuickBooks offers less than 13.0 (QuickBooks too old for ml-connector).</exception>
    public static QbXmlVersion Pick(int offeredMajor, int offeredMinor)
    {
        if (offeredMajor > 16 || (offeredMajor == 16 && offeredMinor >= 0))
        {
            return V16;
        }

        return offeredMajor >= 13
            ? V13
            : throw new NotSupportedException($"QuickBooks offers qbXML {offeredMajor}.{offeredMinor}; ml-connector needs 13.0 or later (QuickBooks Desktop 2014+).");
    }

    /// <inheritdoc />
    public override string ToString() => $"{Major.ToString(CultureInfo.InvariantCulture)}.{Minor.ToString(CultureInfo.InvariantCulture)}";
}
