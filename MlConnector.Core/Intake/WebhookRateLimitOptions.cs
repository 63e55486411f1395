using System.ComponentModel.DataAnnotations;

namespace MlConnector.Core.Intake;

/// <summary>
/// The limits on the webhook routes (section <c>Intake:RateLimit</c>, applied by <see cref="WebhookRateLimits"/>):
/// <list type="bullet">
/// <item><b>Per connection, after verification</b> (<see cref="PermitsPerSecond"/>, <see cref="Burst"/>): a token bucket per
/// connection (QBO's one app-wide route is one bucket) spent only by deliveries that passed the vendor's signature or the
/// URL secret and are about to be recorded, replays included, so a leaked secret cannot start unbounded work while a
/// forged or unsigned request, refused with 4xx, costs the connection nothing. Anyone who knows a connection id (no
/// secret) therefore cannot make that merchant's real deliveries answer 429.</item>
/// <item><b>Per connection, registration handshakes</b> (<see cref="HandshakesPerMinute"/>, <see cref="HandshakeBurst"/>):
/// FreshBooks' unsigned <c>callback.verify</c>, kept apart from the verified deliveries' bucket.</item>
/// <item><b>Per caller address, before verification</b> (<see cref="CallerPermitsPerSecond"/>, <see cref="CallerBurst"/>):
/// a cheap guard against floods of unverified requests, answered 429 before the route reads the body or looks anything
/// up. It is keyed by the caller's address, not by the route's connection, because a connection id is no secret: a
/// pre-verification bucket per connection would let a forger starve that connection again. Vendors deliver every
/// merchant's webhooks from a few shared addresses, so the defaults are generous.</item>
/// </list>
/// The per-connection defaults are far above what a vendor really delivers for one merchant (a few deliveries a second at
/// peak) and above what <c>mlconnector bench</c> drives (200 requests/s on one connection per route, all from loopback).
/// </summary>
public sealed class WebhookRateLimitOptions
{
    /// <summary>The configuration section: <c>Intake:RateLimit</c>.</summary>
    public const string SectionName = "Intake:RateLimit";

    /// <summary>False turns every limit here off (default true).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Verified deliveries one connection may make per second, sustained (default 300).</summary>
    [Range(1, 100_000)]
    public int PermitsPerSecond { get; set; } = 300;

    /// <summary>Verified deliveries one connection may make at once after a quiet spell: the bucket's size (default 600).</summary>
    [Range(1, 1_000_000)]
    public int Burst { get; set; } = 600;

    /// <summary>Requests, verified or not, one caller address may make to the webhook routes per second, sustained (default 1000).</summary>
    [Range(1, 1_000_000)]
    public int CallerPermitsPerSecond { get; set; } = 1000;

    /// <summary>Requests one caller address may make to the webhook routes at once after a quiet spell (default 2000).</summary>
    [Range(1, 10_000_000)]
    public int CallerBurst { get; set; } = 2000;

    /// <summary>
    /// Registration handshakes one connection may send per minute, sustained (default 10): FreshBooks' unsigned
    /// <c>callback.verify</c>, which keeps a verifier and costs a <c>PUT …/events/callbacks/{id}</c> at dispatch. A budget of
    /// its own, apart from the verified deliveries' (<see cref="WebhookRateLimits.AcquireHandshakePermit"/>): the handshake
    /// carries no signature, so it must neither spend the budget of the connection's signed deliveries (a forger who knows
    /// the connection and account ids would make them answer 429) nor be refused because those used it (the callback would
    /// stay unconfirmed and every later delivery answer 401).
    /// </summary>
    [Range(1, 10_000)]
    public int HandshakesPerMinute { get; set; } = 10;

    /// <summary>
    /// Registration handshakes one connection may send at once after a quiet spell (default 20): one registration sends one
    /// per event subscribed (<c>FreshBooksCallbackRegistration</c> registers a few), so a whole registration, and a second
    /// one soon after it, passes.
    /// </summary>
    [Range(1, 10_000)]
    public int HandshakeBurst { get; set; } = 20;
}
