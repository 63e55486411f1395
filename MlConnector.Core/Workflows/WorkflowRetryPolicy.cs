using MlConnector.Core.Errors;

namespace MlConnector.Core.Workflows;

/// <summary>
/// How a failed activity is retried: Durable's <c>RetryPolicy</c> (same parameters and validation) plus a predicate on
/// the failure, so errors a retry cannot fix (validation, re-consent) fail the step at once.
/// </summary>
/// <remarks>
/// The delay before attempt <c>n + 1</c> is <c>FirstRetryInterval × BackoffCoefficient^(n − 1)</c>, capped at
/// <see cref="MaxRetryInterval"/>, and never shorter than the vendor's <see cref="WorkflowFailureDetails.RetryAfter"/>.
/// Waits are durable timers: they survive restarts and do not hold a runner slot.
/// </remarks>
public sealed class WorkflowRetryPolicy
{
    /// <summary>Creates a policy.</summary>
    /// <param name="maxNumberOfAttempts">Attempts in total, including the first; at least 1.</param>
    /// <param name="firstRetryInterval">The delay before the second attempt; positive.</param>
    /// <param name="backoffCoefficient">The factor each further delay grows by; at least 1.</param>
    /// <param name="maxRetryInterval">The longest delay; default 1 hour; not shorter than <paramref name="firstRetryInterval"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">When a parameter is out of range.</exception>
    public WorkflowRetryPolicy(int maxNumberOfAttempts, TimeSpan firstRetryInterval, double backoffCoefficient = 1.0, TimeSpan? maxRetryInterval = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxNumberOfAttempts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(firstRetryInterval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(backoffCoefficient, 1.0);
        var max = maxRetryInterval ?? TimeSpan.FromHours(1);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, firstRetryInterval, nameof(maxRetryInterval));
        MaxNumberOfAttempts = maxNumberOfAttempts;
        FirstRetryInterval = firstRetryInterval;
        BackoffCoefficient = backoffCoefficient;
        MaxRetryInterval = max;
    }

    /// <summary>A sensible default for vendor calls: 5 attempts, 10 s doubling up to 5 minutes, transient errors only.</summary>
    public static WorkflowRetryPolicy Default { get; } = new(5, TimeSpan.FromSeconds(10), 2.0, TimeSpan.FromMinutes(5));

    /// <summary>
    /// For vendor steps that must ride out rate limits, conflicts and outages: 8 attempts, 10 s doubling up to 15 minutes
    /// (about an hour in all).
    /// </summary>
    public static WorkflowRetryPolicy VendorOutage { get; } = new(8, TimeSpan.FromSeconds(10), 2.0, TimeSpan.FromMinutes(15));

    /// <summary>Attempts in total, including the first.</summary>
    public int MaxNumberOfAttempts { get; }

    /// <summary>The delay before the second attempt.</summary>
    public TimeSpan FirstRetryInterval { get; }

    /// <summary>The factor each further delay grows by.</summary>
    public double BackoffCoefficient { get; }

    /// <summary>The longest delay.</summary>
    public TimeSpan MaxRetryInterval { get; }

    /// <summary>
    /// Decides whether a failure may be retried at all. Default: <see cref="IsRetryableByDefault"/>. It runs inside the
    /// workflow, so it must be deterministic.
    /// </summary>
    public Func<WorkflowFailureDetails, bool> Handle { get; init; } = IsRetryableByDefault;

    /// <summary>
    /// The default predicate: retries <see cref="ErrorKind.Transient"/>, <see cref="ErrorKind.RateLimited"/> and
    /// <see cref="ErrorKind.Conflict"/> (the activity re-reads the record); never validation, re-consent, not-found,
    /// partner-rejected or unclassified errors.
    /// </summary>
    /// <param name="failure">The failure.</param>
    /// <returns>True when a retry may help.</returns>
    public static bool IsRetryableByDefault(WorkflowFailureDetails failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return failure.Kind is ErrorKind.Transient or ErrorKind.RateLimited or ErrorKind.Conflict;
    }

    /// <summary>Decides whether attempt <paramref name="failedAttempt"/>'s failure is retried.</summary>
    /// <param name="failedAttempt">The attempt that failed, 1 for the first.</param>
    /// <param name="failure">Its failure.</param>
    /// <returns>True when another attempt is due.</returns>
    public bool ShouldRetry(int failedAttempt, WorkflowFailureDetails failure) =>
        failedAttempt < MaxNumberOfAttempts && Handle(failure);

    /// <summary>The delay after attempt <paramref name="failedAttempt"/> failed.</summary>
    /// <param name="failedAttempt">The attempt that failed, 1 for the first.</param>
    /// <param name="failure">Its failure (its <see cref="WorkflowFailureDetails.RetryAfter"/> is honoured).</param>
    /// <returns>The delay before the next attempt.</returns>
    public TimeSpan GetRetryDelay(int failedAttempt, WorkflowFailureDetails failure)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failedAttempt, 1);
        ArgumentNullException.ThrowIfNull(failure);
        var ticks = FirstRetryInterval.Ticks * Math.Pow(BackoffCoefficient, failedAttempt - 1);
        var delay = ticks >= MaxRetryInterval.Ticks ? MaxRetryInterval : TimeSpan.FromTicks((long)ticks);
        return failure.RetryAfter is { } after && after > delay ? after : delay;
    }
}
