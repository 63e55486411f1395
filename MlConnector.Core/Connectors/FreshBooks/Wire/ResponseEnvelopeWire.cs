namespace MlConnector.Core.Connectors.FreshBooks.Wire;

/// <summary>The accounting and events envelope <c>{"response":{"result":{…}}}</c> (FreshBooks SDK fixtures).</summary>
/// <typeparam name="TResult">The <c>result</c> object.</typeparam>
internal sealed class ResponseEnvelopeWire<TResult>
{
    [JsonPropertyName("response")]
    public ResultWire<TResult>? Response { get; set; }
}
