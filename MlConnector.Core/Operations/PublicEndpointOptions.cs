namespace MlConnector.Core.Operations;

/// <summary>Where vendors reach this host (section <c>PublicEndpoint</c>).</summary>
public sealed class PublicEndpointOptions
{
    /// <summary>The configuration section: <c>PublicEndpoint</c>.</summary>
    public const string SectionName = "PublicEndpoint";

    /// <summary>
    /// The public base URL of this host, for example <c>https://func-mlc-prod.azurewebsites.net/</c> or the HTTPS name of
    /// a reverse proxy or tunnel in front of <c>serve</c>. Webhook registration subscribes
    /// <c>{BaseUrl}api/webhooks/…</c>; a registration request may name another.
    /// </summary>
    public Uri? BaseUrl { get; set; }
}
