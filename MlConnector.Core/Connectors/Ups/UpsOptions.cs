using System.ComponentModel.DataAnnotations;

namespace MlConnector.Core.Connectors.Ups;

/// <summary>
/// Settings of the UPS connector, bound from <c>Connectors:Ups</c>. Holds no secrets: the bearer token comes from the
/// OAuth token manager (provider <c>ups</c>) and the shipper number from the secret store.
/// </summary>
/// <remarks>
/// A connection picks its API base by its <c>ups.baseUrl</c> setting, else by <c>ups.environment</c> (<c>cie</c> →
/// <see cref="CieBaseUrl"/>, <c>production</c> → <see cref="ProductionBaseUrl"/>), else by <see cref="DefaultEnvironment"/>.
/// Hosts: the <c>servers</c> of contracts/ups/*.yaml; PROTOCOL-NOTES §1.
/// </remarks>
public sealed class UpsOptions
{
    /// <summary>The configuration section: <c>Connectors:Ups</c>.</summary>
    public const string SectionName = "Connectors:Ups";

    /// <summary>The production API base. Default <c>https://onlinetools.ups.com/api/</c>.</summary>
    [Required]
    public Uri ProductionBaseUrl { get; set; } = new("https://onlinetools.ups.com/api/");

    /// <summary>The Customer Integration Environment (test) API base. Default <c>https://wwwcie.ups.com/api/</c>.</summary>
    [Required]
    public Uri CieBaseUrl { get; set; } = new("https://wwwcie.ups.com/api/");

    /// <summary>The environment of a connection without <c>ups.environment</c>: <c>production</c> (default) or <c>cie</c>.</summary>
    [Required]
    [RegularExpression("^(production|cie)$")]
    public string DefaultEnvironment { get; set; } = "production";

    /// <summary>
    /// The most UPS requests in flight at once per connection. UPS publishes no rate limit (PROTOCOL-NOTES §1;
    /// UPS-API/api-documentation issue #8), so the connector caps concurrency only and honours a 429. Default 4.
    /// </summary>
    [Range(1, 64)]
    public int MaxConcurrency { get; set; } = 4;

    /// <summary>
    /// The label image format asked for (<c>LabelSpecification.LabelImageFormat.Code</c>): <c>GIF</c> (default) or
    /// <c>PNG</c>. Shipping.yaml lists GIF as the image format and notes for the response that "only EPL, SPL, ZPL and
    /// GIF are currently supported", so keep GIF unless UPS has confirmed PNG for the account.
    /// </summary>
    [Required]
    [RegularExpression("^(GIF|PNG)$")]
    public string LabelImageFormat { get; set; } = "GIF";
}
