namespace Microsoft.DurableTask;

/// <summary>
/// A declarative retry policy for activity and sub-orchestration calls (DurableTask.Abstractions 1.25.0; not sealed).
/// Validates its arguments as the real class does.
/// </summary>
public class RetryPolicy
{
    /// <summary>Creates a policy.</summary>
    /// <param name="maxNumberOfAttempts">Total attempts including the first; at least 1.</param>
    /// <param name="firstRetryInterval">Delay before the second attempt; greater than zero.</param>
    /// <param name="backoffCoefficient">Multiplier applied to each further delay; at least 1.0.</param>
    /// <param name="maxRetryInterval">Cap on one delay (default 1 hour); not less than the first interval unless infinite.</param>
    /// <param name="retryTimeout">Overall retry budget (default infinite); not less than the first interval unless infinite.</param>
    /// <exception cref="ArgumentOutOfRangeException">When any argument is outside the ranges above.</exception>
    public RetryPolicy(int maxNumberOfAttempts, TimeSpan firstRetryInterval, double backoffCoefficient = 1.0, TimeSpan? maxRetryInterval = null, TimeSpan? retryTimeout = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxNumberOfAttempts);
        if (firstRetryInterval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(firstRetryInterval), firstRetryInterval, "The first retry interval must be greater than zero.");
        }

        if (backoffCoefficient < 1.0)
        {
            throw new ArgumentOutOfRangeException(nameof(backoffCoefficient), backoffCoefficient, "The backoff coefficient must be 1.0 or greater.");
        }

        if (maxRetryInterval is { } max && max < firstRetryInterval && max != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(maxRetryInterval), max, "The maximum retry interval must not be less than the first retry interval.");
        }

        if (retryTimeout is { } timeout && timeout < firstRetryInterval && timeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(retryTimeout), timeout, "The retry timeout must not be less than the first retry interval.");
        }

        MaxNumberOfAttempts = maxNumberOfAttempts;
        FirstRetryInterval = firstRetryInterval;
        BackoffCoefficient = backoffCoefficient;
        MaxRetryInterval = maxRetryInterval ?? TimeSpan.FromHours(1);
        RetryTimeout = retryTimeout ?? Timeout.InfiniteTimeSpan;
    }

    public int MaxNumberOfAttempts { get; }

    public TimeSpan FirstRetryInterval { get; }

    public double BackoffCoefficient { get; }

    public TimeSpan MaxRetryInterval { get; }

    public TimeSpan RetryTimeout { get; }
}
