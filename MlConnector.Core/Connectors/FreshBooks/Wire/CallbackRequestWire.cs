namespace MlConnector.Core.Connectors.FreshBooks.Wire;

/// <summary>
/// The wrapped callback body (PROTOCOL-NOTES §4, freshbooks.com/api/webhooks): create <c>{"callback":{"event","uri"}}</c>,
/// verify <c>{"callback":{"callback_id","verifier"}}</c>, resend <c>{"callback":{"resend":true}}</c>.
/// </summary>
internal sealed class CallbackRequestWire
{
    [JsonPropertyName("callback")]
    public CallbackChangesWire Callback { get; set; } = new();
}
