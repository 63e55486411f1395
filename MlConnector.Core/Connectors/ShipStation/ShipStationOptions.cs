using System.ComponentModel.DataAnnotations;

namespace MlConnector.Core.Connectors.ShipStation;

/// <summary>
/// The ShipStation connector's settings (configuration section <c>Connectors:ShipStation</c>). No credentials: the API
/// key and secret of each connection live in the secret store.
/// </summary>
public sealed class ShipStationOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Connectors:ShipStation";

    /// <summary>
    /// The V1 API base, used when a connection has no <c>shipstation.baseUrl</c> setting. Default
    /// <c>https://ssapi.shipstation.com/</c> (https://docs.shipstation.com/apis/shipstation-v1/docs/start-here/requirements).
    /// </summary>
    [Required]
    public Uri BaseUrl { get; set; } = new("https://ssapi.shipstation.com/");

    /// <summary>The V2 API base; paths under it start with <c>v2/</c>. Default <c>https://api.shipstation.com/</c> (v2/openapi.yaml <c>servers</c>).</summary>
    [Required]
    public Uri V2BaseUrl { get; set; } = new("https://api.shipstation.com/");

    /// <summary>
    /// Where ShipStation publishes the public keys (JWKS) that sign V2 webhooks. Default <c>https://api.shipengine.com/jwks</c>,
    /// the URL in the code example of https://docs.shipstation.com/apis/docs/guides/webhooks-validation.
    /// </summary>
    [Required]
    public Uri V2JwksUrl { get; set; } = new("https://api.shipengine.com/jwks");

    /// <summary>Orders or shipments per page when following a <c>resource_url</c> or listing shipments. Default 500, the V1 maximum.</summary>
    [Range(1, 500)]
    public int PageSize { get; set; } = 500;

    /// <summary>The most pages one call follows, so a misbehaving server cannot keep a call paging forever. Default 200.</summary>
    [Range(1, 10_000)]
    public int MaxPages { get; set; } = 200;

    /// <summary>
    /// How far an <c>x-shipengine-timestamp</c> may be from now (past or future) before a V2 webhook is rejected as
    /// stale. Default 5 minutes, as https://docs.shipstation.com/apis/docs/guides/webhooks-validation suggests.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:10", "01:00:00")]
    public TimeSpan WebhookTimestampTolerance { get; set; } = TimeSpan.FromMinutes(5);
}
