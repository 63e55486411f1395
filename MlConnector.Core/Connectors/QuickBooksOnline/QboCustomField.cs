namespace MlConnector.Core.Connectors.QuickBooksOnline;

/// <summary>
/// A custom field value on a QBO transaction (contracts/quickbooks-online/xsd/IntuitBaseTypes.xsd <c>CustomField</c>:
/// <c>DefinitionId</c>, <c>Name</c>, <c>Type</c>, <c>StringValue</c>; the company defines its sales-form custom fields in
/// Finance.xsd <c>SalesFormsPrefs.CustomField</c>, Product QBO).
/// </summary>
/// <param name="DefinitionId">The definition's id.</param>
/// <param name="Name">The field's name as the company defined it.</param>
/// <param name="Type">The type, for example <c>StringType</c>.</param>
/// <param name="StringValue">The value of a string field.</param>
public sealed record QboCustomField(string? DefinitionId = null, string? Name = null, string? Type = null, string? StringValue = null);
