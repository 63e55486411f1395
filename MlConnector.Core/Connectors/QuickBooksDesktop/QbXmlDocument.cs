using System.Xml;
using System.Xml.Linq;

namespace MlConnector.Core.Connectors.QuickBooksDesktop;

/// <summary>
/// Writes a qbXML request document, <c>&lt;?xml version="1.0" encoding="utf-8"?&gt;&lt;?qbxml version="13.0"?&gt;
/// &lt;QBXML&gt;&lt;QBXMLMsgsRq onError="stopOnError"&gt;…&lt;/QBXMLMsgsRq&gt;&lt;/QBXML&gt;</c>, and reads responses
/// safely: no DTD, no external entities, a size cap (PROTOCOL-NOTES §3; Intuit's samples in
/// contracts/quickbooks-desktop/qbxml-samples).
/// </summary>
public static class QbXmlDocument
{
    /// <summary>The largest response read: 16 MiB of characters (a 100-item page is a few hundred KiB).</summary>
    public const long MaxResponseCharacters = 16L * 1024 * 1024;

    /// <summary>Builds a request document.</summary>
    /// <param name="version">The qbXML version of the prolog.</param>
    /// <param name="requests">The request elements (from <see cref="QbXmlRequests"/>), lists before the transactions that reference them.</param>
    /// <param name="continueOnError">True for <c>onError="continueOnError"</c>; the default stops at the first error.</param>
    /// <returns>The document text.</returns>
    public static string Build(QbXmlVersion version, IEnumerable<XElement> requests, bool continueOnError = false)
    {
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(requests);
        var document = new XDocument(
            new XDeclaration("1.0", "utf-8", null),
            new XProcessingInstruction("qbxml", $"version=\"{version}\""),
            new XElement("QBXML", new XElement("QBXMLMsgsRq", new XAttribute("onError", continueOnError ? "continueOnError" : "stopOnError"), requests)));
        var builder = new StringBuilder();
        using (var writer = XmlWriter.Create(builder, new XmlWriterSettings { Encoding = Encoding.UTF8, Indent = false }))
        {
            document.Save(writer);
        }

        return builder.ToString();
    }

    /// <summary>Parses a qbXML response document into its <c>*Rs</c> elements.</summary>
    /// <param name="xml">The response QuickBooks returned through QBWC.</param>
    /// <returns>The responses in document order.</returns>
    /// <exception cref="QbXmlFormatException">When the text is not qbXML, carries a DTD, or is larger than <see cref="MaxResponseCharacters"/>.</exception>
    public static IReadOnlyList<QbXmlResponse> Parse(string xml)
    {
        ArgumentNullException.ThrowIfNull(xml);
        if (xml.Length > MaxResponseCharacters)
        {
            throw new QbXmlFormatException($"The qbXML response has {xml.Length} characters; the limit is {MaxResponseCharacters}.");
        }

        XDocument document;
        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), SafeSettings());
            document = XDocument.Load(reader);
        }
        catch (XmlException ex)
        {
            throw new QbXmlFormatException("The qbXML response is not well-formed XML, or carries a DTD or entity, which is refused: " + ex.Message, ex);
        }

        var messages = document.Root?.Element("QBXMLMsgsRs")
            ?? throw new QbXmlFormatException("The qbXML response has no QBXML/QBXMLMsgsRs element.");
        return [.. messages.Elements().Select(QbXmlResponse.From)];
    }

    /// <summary>Reader settings for untrusted XML: DTDs prohibited, no resolver, characters capped.</summary>
    /// <returns>The settings.</returns>
    public static XmlReaderSettings SafeSettings() => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = MaxResponseCharacters,
        MaxCharactersFromEntities = 0,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
    };
}
