using System.Text.Json;

namespace Microsoft.DurableTask.Converters;

/// <summary>The default <see cref="DataConverter"/>: System.Text.Json with fields included (DurableTask.Abstractions 1.25.0).</summary>
public class JsonDataConverter : DataConverter
{
    private static readonly JsonSerializerOptions DefaultOptions = new() { IncludeFields = true };

    private readonly JsonSerializerOptions _options;

    public JsonDataConverter(JsonSerializerOptions? options = null)
    {
        _options = options ?? DefaultOptions;
    }

    public static JsonDataConverter Default { get; } = new();

    public override string? Serialize(object? value) => value is null ? null : JsonSerializer.Serialize(value, _options);

    public override object? Deserialize(string? data, Type targetType)
    {
        ArgumentNullException.ThrowIfNull(targetType);
        return data is null ? null : JsonSerializer.Deserialize(data, targetType, _options);
    }
}
