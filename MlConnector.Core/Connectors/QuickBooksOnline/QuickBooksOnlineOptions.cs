using System.ComponentModel.DataAnnotations;

namespace MlConnector.Core.Connectors.QuickBooksOnline;

/// <summary>
/// Settings of the QuickBooks Online connector, bound from <c>Connectors:QuickBooksOnline</c>. Holds no secrets: tokens come
/// from the OAuth token manager (provider <c>qbo</c>).
/// </summary>
/// <remarks>
/// A connection picks its API host by its <c>qbo.baseUrl</c> setting, else by <c>qbo.environment</c>
/// (<c>production</c> → <see cref="ProductionBaseUrl"/>, <c>sandbox</c> → <see cref="SandboxBaseUrl"/>), else by
/// <see cref="DefaultEnvironment"/>. Hosts: PROTOCOL-NOTES §2 (developer.intuit.com/app/developer/qbo/docs/learn/rest-api-features).
/// </remarks>
public sealed class QuickBooksOnlineOptions
{
    /// <summary>The configuration section: <c>Connectors:QuickBooksOnline</c>.</summary>
    public const string SectionName = "Connectors:QuickBooksOnline";

    /// <summary>The production API host. Default <c>https://quickbooks.api.intuit.com/</c>.</summary>
    [Required]
    public Uri ProductionBaseUrl { get; set; } = new("https://quickbooks.api.intuit.com/");

    /// <summary>The sandbox API host. Default <c>https://sandbox-quickbooks.api.intuit.com/</c>.</summary>
    [Required]
    public Uri SandboxBaseUrl { get; set; } = new("https://sandbox-quickbooks.api.intuit.com/");

    /// <summary>The environment of a connection without <c>qbo.environment</c>: <c>production</c> (default) or <c>sandbox</c>.</summary>
    [Required]
    [RegularExpression("^(production|sandbox)$")]
    public string DefaultEnvironment { get; set; } = "production";

    /// <summary>
    /// The <c>minorversion</c> sent on every request. Default and minimum 75: from 2025-08-01 Intuit ignores minor
    /// versions 1–74 and serves every request as 75 (blogs.intuit.com/2025/01/21/changes-to-our-accounting-api-that-may-impact-your-application).
    /// </summary>
    [Range(75, 999)]
    public int MinorVersion { get; set; } = 75;

    /// <summary>
    /// <c>MAXRESULTS</c> of each query page; paging stops at the first page shorter than this. Default 1000, the
    /// largest page QBO is reported to return (more than that would end paging early, so it is the upper bound).
    /// </summary>
    [Range(1, 1000)]
    public int QueryPageSize { get; set; } = 1000;

    /// <summary>
    /// The most items (<c>BatchItemRequest</c> payloads) the client puts in one batch request, <c>POST /v3/company/{realmId}/batch</c>:
    /// 1 to <see cref="QuickBooksOnlineClient.MaxBatchItems"/> (30), default 30. Every batch writer fills batches to this
    /// (the ShipStation → QBO order and shipment batch syncs), so it sets the realm's writes per minute: at 40 batch
    /// requests per minute, 30 items a batch allow about 1,200 writes a minute, 10 about 400.
    /// </summary>
    /// <remarks>
    /// Intuit's pages disagree. The limits page (PROTOCOL-NOTES.md §2) says, for the batch endpoint on sandbox and
    /// production servers: "Recommended maximum number of payloads in a single batch request is 30." and "Throttled at 40
    /// Batch requests per minute, per realm ID and app." (developer.intuit.com/app/developer/qbo/docs/learn/limits-and-throttles).
    /// The batch page says: "Use the batch operation to send up to 10 payloads with a single batch operation" and "You can
    /// send up to 40 requests per minute to an end-user's QuickBooks Online company (specified by the realmId)."
    /// (developer.intuit.com/app/developer/qbo/docs/learn/explore-the-quickbooks-online-api/batch), as did Intuit's 2017
    /// blog ("10 payloads per batch", developer.intuit.com/hub/blog/2017/07/27/batch-operations-important), while its 2023
    /// blog says "The maximum number of payloads in a single batch request is 30." (blogs.intuit.com/2023/07/19/building-smarter-with-intuit-batch-without-a-scratch).
    /// The default follows the limits page, the one that states limits; set 10 if a realm refuses batches of more.
    /// </remarks>
    [Range(1, QuickBooksOnlineClient.MaxBatchItems)]
    public int BatchMaxItems { get; set; } = QuickBooksOnlineClient.MaxBatchItems;
}
