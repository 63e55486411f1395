namespace MlConnector.Core.Auth;

/// <summary>
/// Reads a lifetime in seconds sent either as a JSON number (Intuit: <c>"expires_in": 3600</c>,
/// <c>contracts/quickbooks-online/oauth/success_token_response.json</c>) or as a string (UPS: <c>"expires_in": "14399"</c>,
/// <c>contracts/ups/OAuthClientCredentials.yaml</c> <c>tokenSuccessResponse</c>). Empty strings and null read as null.
/// </summary>
internal sealed class FlexibleSecondsConverter : JsonConverter<long?>
{
    public override bool HandleNull => true;

    public override long? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.Number:
                return reader.TryGetInt64(out var whole) ? whole : (long)Math.Floor(reader.GetDouble());
            case JsonTokenType.String:
                var text = reader.GetString();
                if (string.IsNullOrWhiteSpace(text))
                {
                    return null;
                }

                if (long.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed))
                {
                    return parsed;
                }

                if (double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var fractional))
                {
                    return (long)Math.Floor(fractional);
                }

                throw new JsonException("A lifetime in seconds was not a number.");
            default:
                throw new JsonException($"A lifetime in seconds must be a number or a string, not {reader.TokenType}.");
        }
    }

    public override void Write(Utf8JsonWriter writer, long? value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is { } v)
        {
            writer.WriteNumberValue(v);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
