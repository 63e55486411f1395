using System.Xml;

namespace MlConnector.Core.Connectors.QuickBooksOnline;

/// <summary>
/// A parsed QBO <c>Fault</c> (IntuitRestServiceDef.xsd <c>Fault</c>/<c>Error</c>), from either wire form:
/// JSON <c>{"Fault":{"Error":[{"Message","Detail","code","element"}],"type"},"time"}</c>
/// (contracts/quickbooks-online/errors/fault.docs-template.json) or XML
/// <c>&lt;IntuitResponse&gt;&lt;Fault type=".."&gt;&lt;Error code=".." element=".."&gt;&lt;Message/&gt;&lt;Detail/&gt;</c>, which QBO
/// sometimes sends even when JSON was asked for. Property names are matched case-insensitively, because QBO's
/// authentication layer answers 401 with lower-case <c>fault</c>/<c>error</c>.
/// </summary>
/// <param name="Type">The fault type, for example <c>ValidationFault</c>, <c>SystemFault</c>, <c>AuthenticationFault</c>.</param>
/// <param name="Errors">The errors, in order.</param>
public sealed record QboFault(string? Type, IReadOnlyList<QboFaultError> Errors)
{
    private static readonly XmlReaderSettings SafeXml = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        MaxCharactersInDocument = 1024 * 1024,
    };

    /// <summary>Parses a response body as a Fault.</summary>
    /// <param name="body">The body (JSON or XML), or null.</param>
    /// <param name="fault">The fault, when the body holds one.</param>
    /// <returns>True when the body is a JSON or XML document holding a Fault.</returns>
    public static bool TryParse(string? body, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out QboFault? fault)
    {
        fault = null;
        var text = body?.TrimStart();
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        fault = text[0] == '<' ? ParseXml(text) : text[0] == '{' ? ParseJson(text) : null;
        return fault is not null;
    }

    private static QboFault? ParseJson(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            if (!TryGetProperty(root, "Fault", out var fault)
                && !(TryGetProperty(root, "QueryResponse", out var query) && TryGetProperty(query, "Fault", out fault)))
            {
                return null;
            }

            if (fault.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var errors = new List<QboFaultError>();
            if (TryGetProperty(fault, "Error", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var error in list.EnumerateArray())
                {
                    if (error.ValueKind == JsonValueKind.Object)
                    {
                        errors.Add(new QboFaultError(
                            GetString(error, "code"),
                            GetString(error, "Message"),
                            GetString(error, "Detail"),
                            GetString(error, "element")));
                    }
                }
            }

            return new QboFault(GetString(fault, "type"), errors);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static QboFault? ParseXml(string text)
    {
        try
        {
            using var stringReader = new StringReader(text);
            using var reader = XmlReader.Create(stringReader, SafeXml);
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "Fault")
                {
                    var type = reader.GetAttribute("type");
                    var errors = new List<QboFaultError>();
                    using var faultReader = reader.ReadSubtree();
                    while (faultReader.Read())
                    {
                        if (faultReader.NodeType == XmlNodeType.Element && faultReader.LocalName == "Error")
                        {
                            errors.Add(ReadXmlError(faultReader));
                        }
                    }

                    return new QboFault(type, errors);
                }
            }

            return null;
        }
        catch (XmlException)
        {
            return null;
        }
    }

    private static QboFaultError ReadXmlError(XmlReader reader)
    {
        var code = reader.GetAttribute("code");
        var element = reader.GetAttribute("element");
        string? message = null;
        string? detail = null;
        using var errorReader = reader.ReadSubtree();
        errorReader.Read();
        errorReader.Read();
        while (!errorReader.EOF)
        {
            // ReadElementContentAsString already moves past the element, so only other nodes need an explicit Read.
            if (errorReader.NodeType == XmlNodeType.Element && errorReader.LocalName == "Message")
            {
                message = errorReader.ReadElementContentAsString();
            }
            else if (errorReader.NodeType == XmlNodeType.Element && errorReader.LocalName == "Detail")
            {
                detail = errorReader.ReadElementContentAsString();
            }
            else
            {
                errorReader.Read();
            }
        }

        return new QboFaultError(code, message, detail, element);
    }

    private static bool TryGetProperty(JsonElement element, string name, out JsonElement value)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                return true;
            }
        }

        value = default;
        return false;
    }

    private static string? GetString(JsonElement element, string name) =>
        TryGetProperty(element, name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;
}
