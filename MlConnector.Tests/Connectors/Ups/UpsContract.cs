using System.Collections;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MlConnector.Tests.TestSupport;
using YamlDotNet.Serialization;

namespace MlConnector.Tests.Connectors.Ups;

/// <summary>
/// UPS's OpenAPI documents from contracts/ups, loaded once and cleaned first for YamlDotNet: Shipping.yaml and
/// Tracking.yaml contain TAB characters that YAML forbids outside quoted text (PROTOCOL-NOTES §1), and several
/// <c>description: |</c> blocks open with a line of spaces that YamlDotNet rejects, so each TAB becomes four spaces (enough to keep continuation lines indented) and
/// whitespace-only lines become empty (after CRLF → LF). None of this changes a schema.
/// </summary>
public static partial class UpsContract
{
    private static readonly Lazy<OpenApiSchemas> XavSchemas = new(() => Load("AddressValidation.yaml"));
    private static readonly Lazy<OpenApiSchemas> RatingSchemas = new(() => Load("Rating.yaml"));
    private static readonly Lazy<OpenApiSchemas> ShippingSchemas = new(() => Load("Shipping.yaml"));
    private static readonly Lazy<OpenApiSchemas> TrackingSchemas = new(() => Load("Tracking.yaml"));
    private static readonly Lazy<OpenApiSchemas> TrackAlertSchemas = new(() => Load("UPSTrackAlert.yaml"));

    public static OpenApiSchemas Xav => XavSchemas.Value;

    public static OpenApiSchemas Rating => RatingSchemas.Value;

    public static OpenApiSchemas Shipping => ShippingSchemas.Value;

    public static OpenApiSchemas Tracking => TrackingSchemas.Value;

    public static OpenApiSchemas TrackAlert => TrackAlertSchemas.Value;

    /// <summary>
    /// Validation errors of a Rating request, except the one defect of Rating.yaml itself: <c>Shipment_Service.Code</c>
    /// declares minLength 3, yet the same file's examples send <c>'03'</c> (lines 147, 229, 369, 475) and UPS service
    /// codes are 2 digits (Shipping.yaml declares minLength 2, maxLength 2).
    /// </summary>
    public static async Task<IReadOnlyList<string>> ValidateRateRequestAsync(string json) =>
        [.. (await Rating.ValidateAsync("RATERequestWrapper", json)).Where(e => e != "#/RateRequest.Shipment.Service.Code: StringTooShort")];

    /// <summary>The cleaned YAML text of a UPS spec.</summary>
    public static string ReadYaml(string file) =>
        BlankLine().Replace(File.ReadAllText(ContractFiles.PathOf("ups/" + file)).Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\t", "    ", StringComparison.Ordinal), string.Empty);

    /// <summary>
    /// The example event <paramref name="key"/> (<c>1</c> out for delivery, <c>2</c> delivered) of <c>webhooks.TrackingEvent</c>
    /// in UPSTrackAlert.yaml, as the UTF-8 JSON body UPS pushes (all scalars as strings, as UPS's schema declares them).
    /// </summary>
    public static byte[] TrackAlertExample(string key)
    {
        var yaml = new DeserializerBuilder().Build().Deserialize<Dictionary<object, object>>(ReadYaml("UPSTrackAlert.yaml"));
        var example = Walk(yaml, "webhooks", "TrackingEvent", "post", "requestBody", "content", "application/json", "examples", key, "value");
        return Encoding.UTF8.GetBytes(ToJson(example)!.ToJsonString());
    }

    private static object Walk(object node, params string[] path) =>
        path.Aggregate(node, (current, segment) => ((IDictionary)current)[segment]!);

    private static JsonNode? ToJson(object? value) => value switch
    {
        null => null,
        IDictionary map => new JsonObject(map.Keys.Cast<object>().Select(k => KeyValuePair.Create((string)k, ToJson(map[k])))),
        IList list => new JsonArray([.. list.Cast<object?>().Select(ToJson)]),
        _ => JsonValue.Create(Convert.ToString(value, CultureInfo.InvariantCulture)),
    };

    private static OpenApiSchemas Load(string file) => OpenApiSchemas.Parse(ReadYaml(file));

    [GeneratedRegex("^[ ]+$", RegexOptions.Multiline)]
    private static partial Regex BlankLine();
}
