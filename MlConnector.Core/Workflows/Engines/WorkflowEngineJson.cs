namespace MlConnector.Core.Workflows.Engines;

/// <summary>
/// The JSON contract of <see cref="IWorkflowContext"/> ("System.Text.Json, web defaults") applied to what crosses an
/// engine: workflow inputs, outputs, event payloads and custom status travel as web-defaults JSON, so a monitor shows
/// the same camelCase JSON on both hosts.
/// </summary>
public static class WorkflowEngineJson
{
    /// <summary>The serializer options: <see cref="JsonSerializerDefaults.Web"/>.</summary>
    public static JsonSerializerOptions Options => WorkflowJson.Options;

    /// <summary>Serializes a value, refusing JSON longer than <paramref name="maxChars"/>.</summary>
    /// <param name="value">The value, or null.</param>
    /// <param name="maxChars">The longest JSON accepted, in characters.</param>
    /// <param name="what">What the value is, for the error ("activity input").</param>
    /// <returns>The JSON, or null for null.</returns>
    /// <exception cref="ArgumentException">When the JSON exceeds <paramref name="maxChars"/> characters.</exception>
    public static string? ToJson(object? value, int maxChars, string what) => WorkflowJson.SerializeLimited(value, maxChars, what);

    /// <summary>Serializes a value to a <see cref="JsonElement"/>, refusing JSON longer than <paramref name="maxChars"/>.</summary>
    /// <param name="value">The value, or null.</param>
    /// <param name="maxChars">The longest JSON accepted, in characters.</param>
    /// <param name="what">What the value is, for the error.</param>
    /// <returns>The element, or null for null.</returns>
    /// <exception cref="ArgumentException">When the JSON exceeds <paramref name="maxChars"/> characters.</exception>
    public static JsonElement? ToElement(object? value, int maxChars, string what) => Parse(ToJson(value, maxChars, what));

    /// <summary>Parses JSON text into a detached element.</summary>
    /// <param name="json">The JSON, or null.</param>
    /// <returns>The element, or null for null.</returns>
    /// <exception cref="JsonException">When the text is not JSON.</exception>
    public static JsonElement? Parse(string? json)
    {
        if (json is null)
        {
            return null;
        }

        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    /// <summary>Deserializes web-defaults JSON.</summary>
    /// <typeparam name="T">The type.</typeparam>
    /// <param name="json">The JSON, or null.</param>
    /// <returns>The value, or default for null.</returns>
    public static T? FromJson<T>(string? json) => WorkflowJson.Deserialize<T>(json);

    /// <summary>Deserializes an element (null and undefined read as default).</summary>
    /// <typeparam name="T">The type.</typeparam>
    /// <param name="element">The element, or null.</param>
    /// <returns>The value, or default.</returns>
    public static T? FromElement<T>(JsonElement? element)
        => element is { ValueKind: not (JsonValueKind.Undefined or JsonValueKind.Null) } value ? value.Deserialize<T>(Options) : default;
}
