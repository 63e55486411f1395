using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using NJsonSchema;
using NJsonSchema.Validation;

namespace MlConnector.Core.Connectors.SpsCommerce.Rsx;

/// <summary>
/// Validates documents against SPS's RSX 7.7.0 JSON schemas (draft-07; <c>contracts/sps-commerce/rsx-json-schema/v7.7.0</c>,
/// embedded in this assembly) with NJsonSchema. The files' roots accept one document or an array
/// (<c>oneOf</c>); a document is checked against its definition alone (<c>#/definitions/Order</c> and so on, as
/// contracts/sps-commerce/SOURCE.md says). Each schema is loaded once per validator (register it as a singleton).
/// </summary>
public sealed class RsxSchemaValidator
{
    private readonly ConcurrentDictionary<RsxDocumentType, Lazy<Task<JsonSchema>>> _schemas = new();

    /// <summary>Checks a JSON document (text, without a BOM) against the type's schema.</summary>
    /// <param name="type">The document type.</param>
    /// <param name="json">The document.</param>
    /// <param name="cancellationToken">Cancels loading the schema.</param>
    /// <returns>The violations, empty when the document is valid; a document that is not JSON gives one at <c>(document)</c>.</returns>
    public async Task<IReadOnlyList<RsxSchemaError>> ValidateAsync(RsxDocumentType type, string json, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(json);
        var schema = await _schemas.GetOrAdd(type, t => new Lazy<Task<JsonSchema>>(() => LoadAsync(t))).Value.WaitAsync(cancellationToken);
        ICollection<ValidationError> errors;
        try
        {
            errors = schema.Validate(json);
        }
        catch (Newtonsoft.Json.JsonException ex)
        {
            return [new RsxSchemaError("(document)", "not JSON: " + ex.Message)];
        }

        var flat = new List<RsxSchemaError>();
        Flatten(errors, flat);
        return flat;
    }

    private static void Flatten(IEnumerable<ValidationError> errors, List<RsxSchemaError> into)
    {
        foreach (var error in errors)
        {
            if (error is ChildSchemaValidationError child && child.Errors.Count > 0)
            {
                foreach (var nested in child.Errors.Values)
                {
                    Flatten(nested, into);
                }

                continue;
            }

            var path = (error.Path ?? string.Empty).TrimStart('#', '/');
            into.Add(new RsxSchemaError(path.Length == 0 ? "(root)" : path, error.Kind.ToString()));
        }
    }

    private static async Task<JsonSchema> LoadAsync(RsxDocumentType type)
    {
        var (file, definition) = type switch
        {
            RsxDocumentType.Order => ("Orders.json", "Order"),
            RsxDocumentType.Invoice => ("Invoices.json", "Invoice"),
            RsxDocumentType.Shipment => ("Shipments.json", "Shipment"),
            RsxDocumentType.OrderAck => ("OrderAcks.json", "OrderAck"),
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Not an RSX document type."),
        };
        var name = "MlConnector.Core.Rsx." + file;
        await using var stream = typeof(RsxSchemaValidator).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The embedded RSX schema {name} is missing from the build.");
        var root = (await JsonNode.ParseAsync(stream))!.AsObject();
        var definitions = root["definitions"]!.AsObject();
        var document = definitions[definition]!.DeepClone().AsObject();
        document["definitions"] = definitions.DeepClone();
        return await JsonSchema.FromJsonAsync(document.ToJsonString());
    }
}
