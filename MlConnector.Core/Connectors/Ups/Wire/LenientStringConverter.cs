using System.Buffers;

namespace MlConnector.Core.Connectors.Ups.Wire;

/// <summary>
/// Reads a UPS code, date or amount that the specs declare as a string but that may arrive as a JSON number (the
/// Track Alert spec's own example has <c>descriptionCode: 021</c> unquoted, UPSTrackAlert.yaml <c>webhooks.TrackingEvent</c>).
/// A number is kept as its exact JSON text; <c>null</c> reads as null. Writes a string.
/// </summary>
internal sealed class LenientStringConverter : JsonConverter<string>
{
    public override bool HandleNull => true;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Number => Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan.ToArray()),
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        _ => throw new JsonException($"Expected a string or number, found {reader.TokenType}."),
    };

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteStringValue(value);
        }
    }
}
