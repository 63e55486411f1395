namespace MlConnector.Core.Connectors.FreshBooks.Wire;

/// <summary>
/// The invoice resource (java-sdk-fixtures/get_invoice_response.json). Only the fields ml-connector reads; unknown fields
/// are ignored on read. <c>updated</c> is <c>yyyy-MM-dd HH:mm:ss</c> without an offset.
/// </summary>
internal sealed class InvoiceWire
{
    [JsonPropertyName("id")]
    public long Id { get; set; }

    [JsonPropertyName("invoiceid")]
    public long InvoiceId { get; set; }

    [JsonPropertyName("invoice_number")]
    public string? InvoiceNumber { get; set; }

    [JsonPropertyName("customerid")]
    public long CustomerId { get; set; }

    [JsonPropertyName("accountid")]
    public string? AccountId { get; set; }

    [JsonPropertyName("currency_code")]
    public string? CurrencyCode { get; set; }

    [JsonPropertyName("amount")]
    public MoneyWire? Amount { get; set; }

    [JsonPropertyName("outstanding")]
    public MoneyWire? Outstanding { get; set; }

    [JsonPropertyName("v3_status")]
    public string? V3Status { get; set; }

    [JsonPropertyName("display_status")]
    public string? DisplayStatus { get; set; }

    [JsonPropertyName("vis_state")]
    public int VisState { get; set; }

    [JsonPropertyName("notes")]
    public string? Notes { get; set; }

    [JsonPropertyName("po_number")]
    public string? PoNumber { get; set; }

    [JsonPropertyName("create_date")]
    public string? CreateDate { get; set; }

    [JsonPropertyName("updated")]
    public string? Updated { get; set; }

    [JsonPropertyName("organization")]
    public string? Organization { get; set; }

    [JsonPropertyName("fname")]
    public string? FirstName { get; set; }

    [JsonPropertyName("lname")]
    public string? LastName { get; set; }

    [JsonPropertyName("street")]
    public string? Street { get; set; }

    [JsonPropertyName("street2")]
    public string? Street2 { get; set; }

    [JsonPropertyName("city")]
    public string? City { get; set; }

    [JsonPropertyName("province")]
    public string? Province { get; set; }

    [JsonPropertyName("code")]
    public string? PostalCode { get; set; }

    [JsonPropertyName("country")]
    public string? Country { get; set; }

    [JsonPropertyName("lines")]
    public List<InvoiceLineWire>? Lines { get; set; }
}
