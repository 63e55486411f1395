namespace MlConnector.Core.Connectors.FreshBooks.Wire;

/// <summary>The paging fields of a list <c>result</c> (python-sdk-fixtures/list_clients_response.json).</summary>
internal abstract class PageWire
{
    [JsonPropertyName("page")]
    public int Page { get; set; }

    [JsonPropertyName("pages")]
    public int Pages { get; set; }

    [JsonPropertyName("per_page")]
    public int PerPage { get; set; }

    [JsonPropertyName("total")]
    public int Total { get; set; }
}
