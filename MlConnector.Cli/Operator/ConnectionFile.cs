using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace MlConnector.Cli.Operator;

/// <summary>
/// Reads a connection document from a JSON or YAML file (YAML when the file is not JSON) and returns it as JSON for the
/// host, which validates it and names every invalid field. YAML scalars become JSON strings (settings, mappings and
/// schedules are strings), except <c>paused</c>, which is a boolean.
/// </summary>
internal static class ConnectionFile
{
    public static async Task<JsonObject> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(path))
        {
            throw new OperatorUsageException($"No such file: {path}");
        }

        var text = await File.ReadAllTextAsync(path, cancellationToken);
        var trimmed = text.TrimStart();
        if (trimmed.StartsWith('{'))
        {
            try
            {
                return JsonNode.Parse(text) as JsonObject ?? throw new OperatorUsageException($"{path} is not a JSON object.");
            }
            catch (JsonException ex)
            {
                throw new OperatorUsageException($"{path} is not valid JSON: {ex.Message}");
            }
        }

        try
        {
            var yaml = new YamlStream();
            yaml.Load(new StringReader(text));
            return yaml.Documents.Count == 1 && ToJson(yaml.Documents[0].RootNode, null) is JsonObject root
                ? root
                : throw new OperatorUsageException($"{path} holds no connection document (a YAML mapping or JSON object).");
        }
        catch (YamlException ex)
        {
            throw new OperatorUsageException($"{path} is neither JSON nor valid YAML: {ex.Message}");
        }
    }

    private static JsonNode? ToJson(YamlNode node, string? key) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(kv =>
        {
            var name = ((YamlScalarNode)kv.Key).Value ?? string.Empty;
            return KeyValuePair.Create(name, ToJson(kv.Value, name));
        })),
        YamlSequenceNode list => new JsonArray([.. list.Children.Select(c => ToJson(c, null))]),
        YamlScalarNode { Value: null or "~" or "null" } scalar when scalar.Style == ScalarStyle.Plain => null,
        YamlScalarNode scalar when key == "paused" && bool.TryParse(scalar.Value, out var flag) => JsonValue.Create(flag),
        YamlScalarNode scalar => JsonValue.Create(scalar.Value ?? string.Empty),
        _ => null,
    };
}
