using System.ComponentModel.DataAnnotations;

namespace MlConnector.Core.Connectors.SpsCommerce;

/// <summary>
/// Settings of the SPS Commerce connector, bound from <c>Connectors:SpsCommerce</c>. Holds no secrets: tokens come from
/// the OAuth token manager (provider <c>sps</c>, client credentials). A connection may point elsewhere with its
/// <c>sps.baseUrl</c> setting (the sandbox simulator).
/// </summary>
public sealed class SpsCommerceOptions
{
    /// <summary>The configuration section: <c>Connectors:SpsCommerce</c>.</summary>
    public const string SectionName = "Connectors:SpsCommerce";

    /// <summary>The API host. Default <c>https://api.spscommerce.com/</c> (PROTOCOL-NOTES §6).</summary>
    [Required]
    public Uri BaseUrl { get; set; } = new("https://api.spscommerce.com/");

    /// <summary>Entries per listing page. Default and maximum 1000 (<c>paging.limit</c> ≤ 1000, PROTOCOL-NOTES §6).</summary>
    [Range(1, 1000)]
    public int PageSize { get; set; } = 1000;

    /// <summary>
    /// Requests in flight per connection. Default 4. SPS publishes no numeric limits (PROTOCOL-NOTES §6), so the budget is
    /// concurrency per connection (one connection cannot starve another); a 429 still pauses that connection's budget.
    /// </summary>
    [Range(1, 32)]
    public int MaxConcurrency { get; set; } = 4;

    /// <summary>
    /// How long a connection's budget pauses after a 429 that named no <c>Retry-After</c>. Default 2 s: SPS publishes no
    /// limits, so the pause is short and the retry's exponential backoff with full jitter spreads the resends.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan ThrottlePause { get; set; } = TimeSpan.FromSeconds(2);
}
