using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace MlConnector.Core.Intake;

/// <summary>
/// The limits of the webhook routes, shared by both hosts (<see cref="WebhookRateLimitOptions"/>; token buckets, no
/// queueing, so a request over a limit is answered at once with 429 and <c>Retry-After</c> and the vendor delivers it
/// again later):
/// <list type="bullet">
/// <item><b>Per connection, after verification</b>: <see cref="WebhookIntake.AcceptAsync"/> takes a permit from
/// <see cref="AcquireDeliveryPermit"/> only once a route has verified a delivery and is about to record it, so only
/// verified deliveries (replays included) spend a connection's budget. The partition is the intake's vendor key and the
/// connection (<see cref="DeliveryPartitionKey"/>, for example <c>ups-trackalert/acme</c>; every QBO delivery shares
/// <c>qbo</c>, since that route serves all companies on one URL). Both hosts run this same Core code.</item>
/// <item><b>Per connection, registration handshakes</b>: FreshBooks' unsigned <c>callback.verify</c> takes a permit from
/// <see cref="AcquireHandshakePermit"/>, a small budget of its own (<see cref="WebhookRateLimitOptions.HandshakesPerMinute"/>),
/// neither spending nor spent by the verified deliveries' budget.</item>
/// <item><b>Per caller address, before verification</b>: a generous guard against floods of unverified requests.
/// <c>serve</c> hands <see cref="PartitionFor"/> to ASP.NET Core's rate-limiting middleware on its webhook routes; the
/// Functions app acquires from <see cref="CallerLimiter"/> in a worker middleware. The key is the caller's address
/// (<see cref="CallerKey"/>), never the connection, because a connection id is not a secret.</item>
/// </list>
/// </summary>
public sealed class WebhookRateLimits : IDisposable
{
    /// <summary>The name of the policy <c>serve</c> puts on its webhook routes (the per-caller guard).</summary>
    public const string PolicyName = "webhook-caller";

    private readonly WebhookRateLimitOptions _options;
    private readonly PartitionedRateLimiter<string> _deliveries;
    private readonly PartitionedRateLimiter<string> _handshakes;

    /// <summary>Creates the limits from the settings.</summary>
    /// <param name="options">The settings.</param>
    public WebhookRateLimits(IOptions<WebhookRateLimitOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _deliveries = PartitionedRateLimiter.Create<string, string>(key => Bucket(key, _options.Burst, _options.PermitsPerSecond));
        _handshakes = PartitionedRateLimiter.Create<string, string>(key => Bucket(key, _options.HandshakeBurst, 1, TimeSpan.FromMinutes(1) / _options.HandshakesPerMinute));
        CallerLimiter = PartitionedRateLimiter.Create<string, string>(key => Bucket(key, _options.CallerBurst, _options.CallerPermitsPerSecond));
    }

    /// <summary>The pre-verification limiter over caller keys (<see cref="CallerKey"/>), for a host without the ASP.NET Core middleware.</summary>
    public PartitionedRateLimiter<string> CallerLimiter { get; }

    /// <summary>The per-connection partition of a verified delivery.</summary>
    /// <param name="vendor">The intake's vendor key (<see cref="IWebhookDeliveryHandler.Vendor"/>).</param>
    /// <param name="connectionId">The route's connection id; null for QBO's app-wide route.</param>
    /// <returns>The partition key, for example <c>ups-trackalert/acme</c>, or <c>qbo</c>.</returns>
    public static string DeliveryPartitionKey(string vendor, string? connectionId) =>
        string.IsNullOrEmpty(connectionId) ? vendor : vendor + "/" + connectionId;

    /// <summary>
    /// The caller's key for the pre-verification guard: the connection's remote address, as the host reports it. On
    /// <c>serve</c> that is the TCP peer (behind a reverse proxy, the proxy: the guard then bounds the whole host). On the
    /// Functions isolated worker it is the address the platform's front end saw: the worker's ASP.NET Core integration
    /// applies <c>X-Forwarded-For</c> with the forwarded-headers middleware, which takes entries only from trusted
    /// (loopback) hops (azure-functions-dotnet-worker, <c>extensions/Worker.Extensions.Http.AspNetCore/src/FunctionsHostBuilderExtensions.cs</c>),
    /// so an address a caller writes into the header itself is not used. An IPv6 caller is keyed by its /64 prefix, the
    /// block one subscriber usually holds, so rotating addresses within it does not multiply the budget.
    /// </summary>
    /// <param name="context">The request.</param>
    /// <returns>The key, for example <c>203.0.113.7</c> or <c>2001:db8:1:2::/64</c>; <c>unknown</c> when the host reports no address.</returns>
    public static string CallerKey(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var address = context.Connection.RemoteIpAddress;
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    /// <summary>The pre-verification partition of a request to a webhook route of <c>serve</c>, for ASP.NET Core's rate-limiting middleware.</summary>
    /// <param name="context">The request.</param>
    /// <returns>A token-bucket partition keyed by <see cref="CallerKey"/>, or no limiter when the limits are off.</returns>
    public RateLimitPartition<string> PartitionFor(HttpContext context) =>
        Bucket(CallerKey(context), _options.CallerBurst, _options.CallerPermitsPerSecond);

    /// <summary>
    /// Takes one permit from a connection's budget for a verified delivery about to be recorded. Call it only after the
    /// delivery passed verification: a refused request must cost the connection nothing.
    /// </summary>
    /// <param name="vendor">The intake's vendor key.</param>
    /// <param name="connectionId">The route's connection id; null for QBO's app-wide route.</param>
    /// <returns>Null when the delivery may be recorded; otherwise the 429 answer, with <c>Retry-After</c>.</returns>
    public WebhookRateLimitedResult? AcquireDeliveryPermit(string vendor, string? connectionId) =>
        Acquire(_deliveries, vendor, connectionId, "Too many deliveries for this connection; deliver again after Retry-After seconds.");

    /// <summary>
    /// Takes one permit from a connection's handshake budget for a registration handshake about to be recorded (FreshBooks'
    /// <c>callback.verify</c>), apart from its delivery budget (<see cref="AcquireDeliveryPermit"/>).
    /// </summary>
    /// <param name="vendor">The intake's vendor key.</param>
    /// <param name="connectionId">The route's connection id.</param>
    /// <returns>Null when the handshake may be recorded; otherwise the 429 answer, with <c>Retry-After</c>.</returns>
    public WebhookRateLimitedResult? AcquireHandshakePermit(string vendor, string? connectionId) =>
        Acquire(_handshakes, vendor, connectionId, "Too many registration handshakes for this connection; send again after Retry-After seconds.");

    /// <summary>Answers a request the pre-verification guard refused: 429 with <c>Retry-After</c> (whole seconds, at least 1) and a problem body.</summary>
    /// <param name="context">The request.</param>
    /// <param name="lease">The failed lease (its retry-after metadata, when the limiter gives one).</param>
    /// <returns>A task that completes when the answer is written.</returns>
    public static Task WriteRejectionAsync(HttpContext context, RateLimitLease lease)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(lease);
        return new WebhookRateLimitedResult(RetryAfterSeconds(lease), "Too many webhook requests from this address; send again after Retry-After seconds.").ExecuteAsync(context);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _deliveries.Dispose();
        _handshakes.Dispose();
        CallerLimiter.Dispose();
    }

    private static WebhookRateLimitedResult? Acquire(PartitionedRateLimiter<string> limiter, string vendor, string? connectionId, string refusal)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(vendor);
        using var lease = limiter.AttemptAcquire(DeliveryPartitionKey(vendor, connectionId));
        return lease.IsAcquired ? null : new WebhookRateLimitedResult(RetryAfterSeconds(lease), refusal);
    }

    private static int RetryAfterSeconds(RateLimitLease lease) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 1;

    private RateLimitPartition<string> Bucket(string key, int burst, int perSecond) => Bucket(key, burst, perSecond, TimeSpan.FromSeconds(1));

    private RateLimitPartition<string> Bucket(string key, int burst, int tokensPerPeriod, TimeSpan period) => _options.Enabled
        ? RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = burst,
            TokensPerPeriod = tokensPerPeriod,
            ReplenishmentPeriod = period,
            QueueLimit = 0,
            AutoReplenishment = true,
        })
        : RateLimitPartition.GetNoLimiter(key);
}
