using System.Text.Json.Serialization.Metadata;

namespace MlConnector.Core.Connectors.Ups.Wire;

/// <summary>
/// Reads a UPS repeatable element sent either as one object (or string) or as an array, because UPS sends both for the
/// same element: for example <c>RatedShipment</c> is an object in <c>samples/rating/simpleRateResponse.json</c> and an
/// array for Shop; <c>PackageResults</c> is an object in <c>samples/shipping/resp_ShipmentResponse.json</c>; XAV v1 answers
/// <c>AddressLine</c> as a string (UPS-API/api-documentation issue #89); the specs note "this element will be returned as
/// an array if there is more than one object and a single object if there is only 1" for older versions. JSON
/// <c>null</c> reads as null. Always writes an array.
/// </summary>
/// <typeparam name="T">The element type; its metadata comes from the serializer options (the source-generated context).</typeparam>
internal sealed class SingleOrArrayConverter<T> : JsonConverter<List<T>>
{
    public override bool HandleNull => true;

    public override List<T>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var itemType = (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.StartArray:
                var items = new List<T>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (reader.TokenType != JsonTokenType.Null && JsonSerializer.Deserialize(ref reader, itemType) is { } item)
                    {
                        items.Add(item);
                    }
                }

                return items;
            default:
                return JsonSerializer.Deserialize(ref reader, itemType) is { } single ? [single] : [];
        }
    }

    public override void Write(Utf8JsonWriter writer, List<T> value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is null)
        {
            writer.WriteNullValue();
            return;
        }

        var itemType = (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
        writer.WriteStartArray();
        foreach (var item in value)
        {
            JsonSerializer.Serialize(writer, item, itemType);
        }

        writer.WriteEndArray();
    }
}
