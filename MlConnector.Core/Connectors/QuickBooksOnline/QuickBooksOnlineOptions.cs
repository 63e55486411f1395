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
}
