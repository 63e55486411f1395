using System.Text.Json;
using MlConnector.Core.Workflows;

namespace MlConnector.Functions.Workflows;

/// <summary>
/// The JSON contract of <see cref="IWorkflowContext"/> ("System.Text.Json, web defaults") applied to what crosses
/// Durable: workflow inputs, outputs, event payloads and custom status travel as <see cref="JsonElement"/>s, which
/// Durable's own converter stores verbatim, so Durable Functions Monitor shows the same camelCase JSON as the
/// standalone host's store.
/// </summary>
internal static class DurableWorkflowJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    /// <exception cref="ArgumentException">When the JSON exceeds <paramref name="maxChars"/> characters.</exception>
    public static string? ToJson(object? value, int maxChars, string what)
    {
        if (value is null)
        {
            return null;
        }

        var json = JsonSerializer.Serialize(value, value.GetType(), Options);
        return json.Length <= maxChars
            ? json
            : throw new ArgumentException($"The {what} is {json.Length} characters of JSON; the limit is {maxChars}. Pass ids, not documents.");
    }

    /// <exception cref="ArgumentException">When the JSON exceeds <paramref name="maxChars"/> characters.</exception>
    public static JsonElement? ToElement(object? value, int maxChars, string what) => Parse(ToJson(value, maxChars, what));

    public static JsonElement? Parse(string? json)
    {
        if (json is null)
        {
            return null;
        }

        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    public static T? FromJson<T>(string? json) => json is null ? default : JsonSerializer.Deserialize<T>(json, Options);

    public static T? FromElement<T>(JsonElement? element)
        => element is { ValueKind: not (JsonValueKind.Undefined or JsonValueKind.Null) } value ? value.Deserialize<T>(Options) : default;
}
