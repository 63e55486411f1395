using System.ComponentModel.DataAnnotations;

namespace MlConnector.Core.Resilience;

/// <summary>
/// The HTTP-level resilience of one connector's client (configuration section <c>Resilience:{connector}</c>). Retries
/// here are short; coarse retries (minutes) belong to the workflow's activity retry policy.
/// </summary>
public sealed class ConnectorResilienceOptions : IValidatableObject
{
    /// <summary>
    /// The prefix of the configuration sections: each connector reads only <c>Resilience:{connector}</c> (there is no
    /// app-wide <c>Resilience</c> level, so this is not a <c>SectionName</c>).
    /// </summary>
    public const string SectionPrefix = "Resilience";

    /// <summary>The limit for the whole call, including every retry and wait. Default 90 s (QBO times requests out after 120 s).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:30:00")]
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>
    /// The limit for one attempt, including the wait for <see cref="RateGovernor"/> budget when
    /// <see cref="RateGovernorHandler"/> is added after the resilience handler. Default 30 s.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries after the first attempt; 0 disables retrying. Default 2 (three attempts in all).</summary>
    [Range(0, 10)]
    public int MaxRetryAttempts { get; set; } = 2;

    /// <summary>The first backoff delay, doubled per attempt, when the vendor did not say how long to wait. Default 1 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The longest wait between attempts. A backoff delay is capped at this; a vendor that asks (<c>Retry-After</c>,
    /// <c>X-Rate-Limit-Reset</c>) for longer is not retried in-process: the response is returned so the caller maps it to
    /// <see cref="Errors.ConnectorRateLimitedException"/> and the workflow waits durably. Default 30 s.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Whether backoff delays get random jitter, so many clients do not retry in step. Default true.</summary>
    public bool UseJitter { get; set; } = true;

    /// <summary>
    /// Whether backoff delays use "full jitter": a uniformly random wait between zero and the exponential cap
    /// (<c>min(MaxDelay, BaseDelay × 2^attempt)</c>), as AWS recommends for clients of a service that publishes no limit
    /// ("Exponential Backoff And Jitter", aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter). Replaces
    /// <see cref="UseJitter"/>'s decorrelated jitter when set; a vendor's <c>Retry-After</c> still wins. Default false.
    /// </summary>
    public bool FullJitter { get; set; }

    /// <summary>
    /// Whether a 429 answer to a POST or PATCH is retried. A 429 means the request was refused before it was processed
    /// (RFC 6585 §4), so resending it cannot do anything twice; other transient outcomes of an unsafe request (5xx, a
    /// timeout) still are not retried, since the vendor may have acted. Default false.
    /// </summary>
    public bool RetryUnsafeOnThrottle { get; set; }

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (AttemptTimeout > TotalTimeout)
        {
            yield return new ValidationResult("AttemptTimeout must not exceed TotalTimeout.", [nameof(AttemptTimeout), nameof(TotalTimeout)]);
        }

        if (BaseDelay > MaxDelay)
        {
            yield return new ValidationResult("BaseDelay must not exceed MaxDelay.", [nameof(BaseDelay), nameof(MaxDelay)]);
        }
    }
}
