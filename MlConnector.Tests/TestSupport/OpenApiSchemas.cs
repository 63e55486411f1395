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

    /// <summary>Reads the schemas from OpenAPI YAML text (for documents that need cleaning first, such as UPS's TAB characters).</summary>
    public static OpenApiSchemas Parse(string openApiYaml)
    {
        var yaml = new DeserializerBuilder().WithAttemptingUnquotedStringTypeDeserialization().Build().Deserialize<object>(openApiYaml);
        var document = (JsonObject)ToNode(yaml)!;
        var schemas = (JsonObject)document["components"]!["schemas"]!.DeepClone();
        RewriteReferences(schemas);
        return new OpenApiSchemas(schemas);
    }

    public async Task<JsonSchema> GetAsync(string name)
    {
        var root = (JsonObject)(_schemas[name] ?? throw new KeyNotFoundException($"No schema {name}.")).DeepClone();
        root["definitions"] = _schemas.DeepClone();
        return await JsonSchema.FromJsonAsync(root.ToJsonString());
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
