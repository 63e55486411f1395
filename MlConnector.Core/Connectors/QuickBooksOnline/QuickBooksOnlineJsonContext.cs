using MlConnector.Core.Connectors.QuickBooksOnline.Wire;

namespace MlConnector.Core.Connectors.QuickBooksOnline;

/// <summary>
/// The source-generated JSON metadata of the QuickBooks Online connector. Property names are QBO's own PascalCase
/// element names (Finance.xsd / IntuitBaseTypes.xsd), with the lower-case exceptions QBO uses (<c>value</c>, <c>name</c>,
/// <c>sparse</c>, <c>time</c>, <c>startPosition</c>…) set by <see cref="JsonPropertyNameAttribute"/>; nulls are omitted on
/// write; names are matched case-insensitively on read.
/// </summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(QboCompanyInfo))]
[JsonSerializable(typeof(QboInvoice))]
[JsonSerializable(typeof(QboCustomer))]
[JsonSerializable(typeof(QboItem))]
[JsonSerializable(typeof(QboAccount))]
[JsonSerializable(typeof(InvoiceSparseUpdateWire))]
[JsonSerializable(typeof(QboBill))]
[JsonSerializable(typeof(BillSparseUpdateWire))]
[JsonSerializable(typeof(QboJournalEntry))]
[JsonSerializable(typeof(JournalEntrySparseUpdateWire))]
[JsonSerializable(typeof(QboPurchaseOrder))]
[JsonSerializable(typeof(PurchaseOrderSparseUpdateWire))]
[JsonSerializable(typeof(IntuitResponseWire))]
[JsonSerializable(typeof(QueryResponseWire))]
[JsonSerializable(typeof(QboEstimate))]
[JsonSerializable(typeof(EstimateSparseUpdateWire))]
internal sealed partial class QuickBooksOnlineJsonContext : JsonSerializerContext
{
}
