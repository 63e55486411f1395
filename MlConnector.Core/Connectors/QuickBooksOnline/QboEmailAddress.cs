namespace MlConnector.Core.Connectors.QuickBooksOnline;

/// <summary>A QBO <c>EmailAddress</c> (IntuitBaseTypes.xsd): <c>{"Address": "…"}</c>.</summary>
/// <param name="Address">The e-mail address.</param>
public sealed record QboEmailAddress(string Address);
