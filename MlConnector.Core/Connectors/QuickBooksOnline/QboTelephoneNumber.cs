namespace MlConnector.Core.Connectors.QuickBooksOnline;

/// <summary>A telephone number as QBO holds it.</summary>
/// <param name="FreeFormNumber">The number as entered.</param>
/// <remarks>Source: contracts/quickbooks-online/xsd/IntuitBaseTypes.xsd (<c>TelephoneNumber</c>).</remarks>
public sealed record QboTelephoneNumber(string? FreeFormNumber);
