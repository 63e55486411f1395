namespace MlConnector.Core.Connectors.QuickBooksOnline;

/// <summary>A QBO <c>MemoRef</c>: <c>{"value": "…"}</c>, as used by <c>CustomerMemo</c>.</summary>
/// <param name="Value">The memo text (QBO allows 1000 characters).</param>
public sealed record QboMemo([property: JsonPropertyName("value")] string Value);
