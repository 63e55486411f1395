namespace Microsoft.DurableTask;

/// <summary>Serializes inputs, outputs and custom status (DurableTask.Abstractions 1.25.0).</summary>
public abstract class DataConverter
{
    public abstract string? Serialize(object? value);

    public abstract object? Deserialize(string? data, Type targetType);

    public virtual T? Deserialize<T>(string? data) => (T?)Deserialize(data, typeof(T));
}
