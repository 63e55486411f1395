using System.Text.Json.Nodes;
using System.Xml;
using System.Xml.Schema;
using MlConnector.Tests.TestSupport;

namespace MlConnector.Tests.Connectors.QuickBooksOnline;

/// <summary>
/// The QBO entity contract from Intuit's XSDs (<c>contracts/quickbooks-online/xsd</c>, compiled with
/// <see cref="XmlSchemaSet"/>): which element and attribute names each entity type allows, recursively. JSON uses the same
/// names; a simple-content type (for example <c>ReferenceType</c>) carries its text as <c>value</c>.
/// </summary>
public sealed class QboXsdContract
{
    private static readonly Lazy<QboXsdContract> Shared = new(Load);

    private readonly XmlSchemaSet _schemas;

    private QboXsdContract(XmlSchemaSet schemas) => _schemas = schemas;

    public static QboXsdContract Instance => Shared.Value;

    public static string ContractsDirectory() => ContractFiles.Directory("quickbooks-online");

    /// <summary>Names in <paramref name="entityJson"/> (recursively) that the XSD type of <paramref name="entity"/> does not define.</summary>
    public IReadOnlyList<string> UnknownNames(string entity, JsonObject entityJson)
    {
        var element = (XmlSchemaElement?)_schemas.GlobalElements[new XmlQualifiedName(entity, "http://schema.intuit.com/finance/v3")]
            ?? throw new ArgumentException($"No global element {entity} in the XSDs.", nameof(entity));
        var unknown = new List<string>();
        Check(element.ElementSchemaType, entityJson, entity, unknown);
        return unknown;
    }

    private static QboXsdContract Load()
    {
        var path = Path.Combine(ContractsDirectory(), "xsd", "IntuitRestServiceDef.xsd");
        var schemas = new XmlSchemaSet { XmlResolver = new XmlUrlResolver() };
        using var reader = XmlReader.Create(path, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
        schemas.Add(null, reader);
        schemas.Compile();
        return new QboXsdContract(schemas);
    }

    private static void Check(XmlSchemaType? type, JsonNode? node, string path, List<string> unknown)
    {
        if (type is not XmlSchemaComplexType complex)
        {
            if (node is JsonObject or JsonArray)
            {
                unknown.Add(path + " (structured value for a simple type)");
            }

            return;
        }

        switch (node)
        {
            case JsonArray array:
                foreach (var item in array)
                {
                    Check(type, item, path + "[]", unknown);
                }

                return;
            case JsonObject obj:
                var elements = new Dictionary<string, XmlSchemaElement>(StringComparer.Ordinal);
                Collect(complex.ContentTypeParticle, elements);
                var attributes = complex.AttributeUses.Values.Cast<XmlSchemaAttribute>().Select(a => a.QualifiedName.Name).ToHashSet(StringComparer.Ordinal);
                var simpleContent = complex.ContentType == XmlSchemaContentType.TextOnly;
                foreach (var (name, value) in obj)
                {
                    if (elements.TryGetValue(name, out var child))
                    {
                        Check(child.ElementSchemaType, value, $"{path}.{name}", unknown);
                    }
                    else if (!attributes.Contains(name) && !(simpleContent && name == "value"))
                    {
                        unknown.Add($"{path}.{name}");
                    }
                }

                return;
            default:
                return;
        }
    }

    private static void Collect(XmlSchemaParticle? particle, Dictionary<string, XmlSchemaElement> elements)
    {
        switch (particle)
        {
            case XmlSchemaElement element:
                elements.TryAdd(element.QualifiedName.Name, element);
                break;
            case XmlSchemaGroupBase group:
                foreach (var item in group.Items.OfType<XmlSchemaParticle>())
                {
                    Collect(item, elements);
                }

                break;
        }
    }
}
