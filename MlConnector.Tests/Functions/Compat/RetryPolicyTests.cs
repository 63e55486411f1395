using Microsoft.DurableTask;

namespace MlConnector.Tests.Functions.Compat;

/// <summary>The compat RetryPolicy validates as the real one, so a bad policy fails in tests, not in Azure.</summary>
public class RetryPolicyTests
{
    [Theory]
    [InlineData(0, 1.0, 1.0, null, null, "maxNumberOfAttempts")]
    [InlineData(3, 0.0, 1.0, null, null, "firstRetryInterval")]
    [InlineData(3, 1.0, 0.5, null, null, "backoffCoefficient")]
    [InlineData(3, 10.0, 2.0, 5.0, null, "maxRetryInterval")]
    [InlineData(3, 10.0, 2.0, null, 5.0, "retryTimeout")]
    public void Constructor_OutOfRange_Throws(int attempts, double firstSeconds, double backoff, double? maxSeconds, double? timeoutSeconds, string parameter)
    {
        // Arrange / Act
        var thrown = Assert.Throws<ArgumentOutOfRangeException>(() => new RetryPolicy(
            attempts,
            TimeSpan.FromSeconds(firstSeconds),
            backoff,
            maxSeconds is null ? null : TimeSpan.FromSeconds(maxSeconds.Value),
            timeoutSeconds is null ? null : TimeSpan.FromSeconds(timeoutSeconds.Value)));

        // Assert
        Assert.Equal(parameter, thrown.ParamName);
    }

    [Fact]
    public void Constructor_Defaults_AreOneHourCapAndNoTimeout()
    {
        // Arrange / Act
        var sut = new RetryPolicy(5, TimeSpan.FromSeconds(2), 2.0, maxRetryInterval: Timeout.InfiniteTimeSpan);
        var defaults = new RetryPolicy(5, TimeSpan.FromSeconds(2));

        // Assert
        Assert.Equal(Timeout.InfiniteTimeSpan, sut.MaxRetryInterval);
        Assert.Equal(TimeSpan.FromHours(1), defaults.MaxRetryInterval);
        Assert.Equal(Timeout.InfiniteTimeSpan, defaults.RetryTimeout);
        Assert.Same(defaults, TaskOptions.FromRetryPolicy(defaults).Retry!.Policy);
    }
}
