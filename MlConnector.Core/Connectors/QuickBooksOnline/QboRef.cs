namespace MlConnector.Core.Connectors.QuickBooksOnline;

/// <summary>A QBO <c>ReferenceType</c>: <c>{"value": id, "name": display name}</c> (IntuitBaseTypes.xsd).</summary>
/// <param name="Value">The referenced entity's Id.</param>
/// <param name="Name">Its display name, optional on writes.</param>
public sealed record QboRef([property: JsonPropertyName("value")] string Value, [property: JsonPropertyName("name")] string? Name = null);
