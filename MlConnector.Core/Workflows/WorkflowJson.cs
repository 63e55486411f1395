namespace MlConnector.Core.Workflows;

/// <summary>The one JSON setting for workflow inputs, outputs, results, payloads and custom status.</summary>
internal static class WorkflowJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string? Serialize(object? value) =>
        value is null ? null : JsonSerializer.Serialize(value, value.GetType(), Options);

    public static T? Deserialize<T>(string? json) =>
        json is null ? default : JsonSerializer.Deserialize<T>(json, Options);

    public static string? SerializeLimited(object? value, int maxChars, string what)
    {
        var json = Serialize(value);
        if (json is { Length: var length } && length > maxChars)
        {
            throw new ArgumentException($"The {what} is {json.Length} characters of JSON; the limit is {maxChars}. Pass ids, not documents.");
        }

        return json;
    }
}
