using System.ComponentModel.DataAnnotations;

namespace MlConnector.Core.Connectors.FreshBooks;

/// <summary>
/// Settings of the FreshBooks connector, bound from <c>Connectors:FreshBooks</c>. Holds no secrets: tokens come from the
/// OAuth token manager (provider <c>freshbooks</c>). A connection may point elsewhere with its <c>freshbooks.baseUrl</c>
/// setting (the sandbox simulator) and names its accounting account with <c>freshbooks.accountId</c>.
/// </summary>
public sealed class FreshBooksOptions
{
    /// <summary>The configuration section: <c>Connectors:FreshBooks</c>.</summary>
    public const string SectionName = "Connectors:FreshBooks";

    /// <summary>The API host. Default <c>https://api.freshbooks.com/</c> (PROTOCOL-NOTES §4).</summary>
    [Required]
    public Uri BaseUrl { get; set; } = new("https://api.freshbooks.com/");

    /// <summary>
    /// Items per list page. Default and maximum 100: "The page size is capped at 100" (FreshBooks Python SDK,
    /// freshbooks.github.io/freshbooks-python-sdk, PaginateBuilder.per_page).
    /// </summary>
    [Range(1, 100)]
    public int PageSize { get; set; } = 100;

    /// <summary>
    /// Requests in flight per connection. Default 4. FreshBooks publishes no rate limits (PROTOCOL-NOTES §4, "Not
    /// found"), so the budget is concurrency only; a 429 still pauses the connection through the governor.
    /// </summary>
    [Range(1, 32)]
    public int MaxConcurrency { get; set; } = 4;
}
