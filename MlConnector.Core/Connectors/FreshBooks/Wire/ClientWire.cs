namespace MlConnector.Core.Connectors.FreshBooks.Wire;

/// <summary>
/// The accounting client resource (python-sdk-fixtures/get_client_response.json): <c>p_*</c> is the billing (primary)
/// address, <c>s_*</c> the shipping (secondary) address, empty strings when unset.
/// </summary>
internal sealed class ClientWire
{
    [JsonPropertyName("id")]
    public long Id { get; set; }

    [JsonPropertyName("email")]
    public string? Email { get; set; }

    [JsonPropertyName("fname")]
    public string? FirstName { get; set; }

    [JsonPropertyName("lname")]
    public string? LastName { get; set; }

    [JsonPropertyName("organization")]
    public string? Organization { get; set; }

    [JsonPropertyName("currency_code")]
    public string? CurrencyCode { get; set; }

    [JsonPropertyName("bus_phone")]
    public string? BusinessPhone { get; set; }

    [JsonPropertyName("mob_phone")]
    public string? MobilePhone { get; set; }

    [JsonPropertyName("p_street")]
    public string? PrimaryStreet { get; set; }

    [JsonPropertyName("p_street2")]
    public string? PrimaryStreet2 { get; set; }

    [JsonPropertyName("p_city")]
    public string? PrimaryCity { get; set; }

    [JsonPropertyName("p_province")]
    public string? PrimaryProvince { get; set; }

    [JsonPropertyName("p_code")]
    public string? PrimaryCode { get; set; }

    [JsonPropertyName("p_country")]
    public string? PrimaryCountry { get; set; }

    [JsonPropertyName("s_street")]
    public string? ShippingStreet { get; set; }

    [JsonPropertyName("s_street2")]
    public string? ShippingStreet2 { get; set; }

    [JsonPropertyName("s_city")]
    public string? ShippingCity { get; set; }

    [JsonPropertyName("s_province")]
    public string? ShippingProvince { get; set; }

    [JsonPropertyName("s_code")]
    public string? ShippingCode { get; set; }

    [JsonPropertyName("s_country")]
    public string? ShippingCountry { get; set; }
}
