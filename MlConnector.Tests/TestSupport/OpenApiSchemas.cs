using System.Collections;
using System.Text.Json.Nodes;
using NJsonSchema;
using YamlDotNet.Serialization;

namespace MlConnector.Tests.TestSupport;

/// <summary>
/// JSON Schemas taken from an OpenAPI document's <c>components.schemas</c> (YAML read with YamlDotNet, validated with
/// NJsonSchema): each <c>#/components/schemas/X</c> reference becomes <c>#/definitions/X</c> of a standalone schema.
/// </summary>
public sealed class OpenApiSchemas
{
    private readonly JsonObject _schemas;

    private OpenApiSchemas(JsonObject schemas) => _schemas = schemas;

    public static OpenApiSchemas Load(string path) => Parse(File.ReadAllText(path));

    /// <summary>
    /// Reads an OpenAPI document's schemas from its YAML text. With <paramref name="acceptSingleItems"/> every array schema
    /// also accepts one item on its own, because UPS sends a repeatable element as one object or as an array and its specs
    /// declare only one form (PROTOCOL-NOTES §1, "Contract tests should accept object or array").
    /// </summary>
    public static OpenApiSchemas Parse(string yaml, bool acceptSingleItems = false)
    {
        var parsed = new DeserializerBuilder().WithAttemptingUnquotedStringTypeDeserialization().Build().Deserialize<object>(yaml);
        var document = (JsonObject)ToNode(parsed)!;
        var schemas = (JsonObject)document["components"]!["schemas"]!.DeepClone();
        RewriteReferences(schemas);
        ConstToEnum(schemas);
        if (acceptSingleItems)
        {
            AcceptSingleItems(schemas);
        }

        return new OpenApiSchemas(schemas);
    }

    public async Task<JsonSchema> GetAsync(string name)
    {
        var root = (JsonObject)(_schemas[name] ?? throw new KeyNotFoundException($"No schema {name}.")).DeepClone();
        root["definitions"] = _schemas.DeepClone();
        return await JsonSchema.FromJsonAsync(root.ToJsonString());
    }

    /// <summary>
    /// Drops <paramref name="keywords"/> from one property of one schema, for a constraint the vendor's own samples break
    /// (say which sample, where this is called).
    /// </summary>
    public OpenApiSchemas WithoutKeywords(string schema, string property, params string[] keywords)
    {
        var target = (JsonObject)(_schemas[schema]?["properties"]?[property] ?? throw new KeyNotFoundException($"No property {schema}.{property}."));
        foreach (var keyword in keywords)
        {
            target.Remove(keyword);
        }

        return this;
    }

    /// <summary>Validation errors of <paramref name="json"/> against schema <paramref name="name"/> (empty when valid).</summary>
    public async Task<IReadOnlyList<string>> ValidateAsync(string name, string json) =>
        [.. (await GetAsync(name)).Validate(json).Select(e => $"{e.Path}: {e.Kind}")];

    private static JsonNode? ToNode(object? value) => value switch
    {
        null => null,
        IDictionary map => ToObject(map),
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        int i => JsonValue.Create(i),
        long l => JsonValue.Create(l),
        double d => JsonValue.Create(d),
        decimal m => JsonValue.Create(m),
        float f => JsonValue.Create(f),
        IEnumerable list => new JsonArray([.. list.Cast<object?>().Select(ToNode)]),
        _ => JsonValue.Create(Convert.ToString(value, CultureInfo.InvariantCulture)),
    };

    private static JsonObject ToObject(IDictionary map)
    {
        var obj = new JsonObject();
        foreach (DictionaryEntry entry in map)
        {
            obj[Convert.ToString(entry.Key, CultureInfo.InvariantCulture)!] = ToNode(entry.Value);
        }

        return obj;
    }

    /// <summary>OpenAPI 3.1 <c>const: X</c> becomes <c>enum: [X]</c>, which means the same and which NJsonSchema (draft 4) understands.</summary>
    private static void ConstToEnum(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["const"] is JsonValue constant && !obj.ContainsKey("enum"))
                {
                    obj.Remove("const");
                    obj["enum"] = new JsonArray(constant);
                }

                foreach (var (_, child) in obj.ToList())
                {
                    ConstToEnum(child);
                }

                break;
            case JsonArray array:
                foreach (var child in array.ToList())
                {
                    ConstToEnum(child);
                }

                break;
        }
    }

    private static void AcceptSingleItems(JsonObject node)
    {
        foreach (var (key, child) in node.ToList())
        {
            if (child is not JsonObject schema)
            {
                continue;
            }

            AcceptSingleItems(schema);
            if (schema["type"] is JsonValue type && type.TryGetValue<string>(out var name) && name == "array" && schema["items"] is JsonObject items)
            {
                node[key] = new JsonObject { ["anyOf"] = new JsonArray(schema.DeepClone(), items.DeepClone()) };
            }
        }
    }

    private static void RewriteReferences(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["$ref"] is JsonValue reference && reference.GetValue<string>() is { } target && target.StartsWith("#/components/schemas/", StringComparison.Ordinal))
                {
                    obj["$ref"] = "#/definitions/" + target["#/components/schemas/".Length..];
                }

                foreach (var (_, child) in obj.ToList())
                {
                    RewriteReferences(child);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    RewriteReferences(child);
                }

                break;
        }
    }
}
