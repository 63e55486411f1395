using System.ComponentModel.DataAnnotations;

namespace MlConnector.Core.Intake;

/// <summary>
/// The per-connection limit on the webhook routes (section <c>Intake:RateLimit</c>): a token bucket per connection (the
/// <c>{connectionId}</c> of the route; QBO's one app-wide route is one bucket), so a leaked URL secret cannot start
/// unbounded work. A request over the limit is answered 429 with <c>Retry-After</c> before anything is read or looked up
/// (<see cref="WebhookRateLimits"/>). The defaults are far above what a vendor really delivers for one merchant (a few
/// deliveries a second at peak) and above what <c>mlconnector bench</c> drives (200 requests/s on one connection per route).
/// </summary>
public sealed class WebhookRateLimitOptions
{
    /// <summary>The configuration section: <c>Intake:RateLimit</c>.</summary>
    public const string SectionName = "Intake:RateLimit";

    /// <summary>False turns the limit off (default true).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Deliveries one connection may make per second, sustained (default 300).</summary>
    [Range(1, 100_000)]
    public int PermitsPerSecond { get; set; } = 300;

    /// <summary>Deliveries one connection may make at once after a quiet spell: the bucket's size (default 600).</summary>
    [Range(1, 1_000_000)]
    public int Burst { get; set; } = 600;
}
