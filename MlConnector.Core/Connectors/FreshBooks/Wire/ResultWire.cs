namespace MlConnector.Core.Connectors.FreshBooks.Wire;

/// <summary>The <c>response</c> object: <c>result</c>, or the old accounting <c>errors[]</c>.</summary>
/// <typeparam name="TResult">The <c>result</c> object.</typeparam>
internal sealed class ResultWire<TResult>
{
    [JsonPropertyName("result")]
    public TResult? Result { get; set; }
}
