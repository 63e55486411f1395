using DurableTask.Core.Serializing;

namespace MlConnector.Cli.Serve.TaskHub;

/// <summary>
/// A Durable Task Framework <see cref="DataConverter"/> that passes JSON text through unchanged, so the task hub stores
/// the web-defaults JSON Core writes (the workflow envelope, event payloads) instead of Newtonsoft's re-encoding of a
/// string. Only strings are accepted: the client serializes everything itself with <c>WorkflowEngineJson</c>.
/// </summary>
internal sealed class RawJsonDataConverter : DataConverter
{
    public static readonly RawJsonDataConverter Instance = new();

    public override string? Serialize(object? value) => Serialize(value, formatted: false);

    public override string? Serialize(object? value, bool formatted) => value switch
    {
        null => null,
        string json => json,
        _ => throw new NotSupportedException($"{nameof(RawJsonDataConverter)} stores JSON text only, not {value.GetType()}."),
    };

    public override object? Deserialize(string? data, Type objectType) =>
        objectType == typeof(string) ? data : throw new NotSupportedException($"{nameof(RawJsonDataConverter)} reads JSON text only, not {objectType}.");
}
