namespace MlConnector.Core.Intake;

/// <summary>The intake's source-generated JSON: the queue message of a <see cref="WebhookDelivery"/> or of a group of them (web casing, byte arrays as base64).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(WebhookDelivery))]
[JsonSerializable(typeof(WebhookDelivery[]))]
internal sealed partial class IntakeJsonContext : JsonSerializerContext;
