using MlConnector.Core.Errors;
using MlConnector.Core.Workflows;

namespace MlConnector.Tests.Workflows;

public class WorkflowRetryPolicyTests
{
    private static WorkflowFailureDetails Failure(ErrorKind kind, TimeSpan? retryAfter = null) => new(kind, "T", "m", retryAfter);

    private static WorkflowRetryPolicy CreateSut() => new(5, TimeSpan.FromSeconds(10), 2.0, TimeSpan.FromSeconds(60));

    [Fact]
    public void GetRetryDelay_SuccessiveAttempts_GrowByCoefficientUpToMax()
    {
        // Arrange
        var sut = CreateSut();
        var failure = Failure(ErrorKind.Transient);

        // Act
        var delays = Enumerable.Range(1, 5).Select(n => sut.GetRetryDelay(n, failure)).ToList();

        // Assert
        Assert.Equal([TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(40), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(60)], delays);
    }

    [Fact]
    public void GetRetryDelay_VendorRetryAfterLonger_HonoursVendor()
    {
        // Arrange
        var sut = CreateSut();

        // Act
        var delay = sut.GetRetryDelay(1, Failure(ErrorKind.RateLimited, TimeSpan.FromMinutes(2)));

        // Assert
        Assert.Equal(TimeSpan.FromMinutes(2), delay);
    }

    [Theory]
    [InlineData(ErrorKind.Transient, true)]
    [InlineData(ErrorKind.RateLimited, true)]
    [InlineData(ErrorKind.Conflict, true)]
    [InlineData(ErrorKind.Validation, false)]
    [InlineData(ErrorKind.NeedsReconsent, false)]
    [InlineData(ErrorKind.NotFound, false)]
    [InlineData(ErrorKind.PartnerRejected, false)]
    [InlineData(ErrorKind.Unknown, false)]
    public void ShouldRetry_ByErrorKind_RetriesOnlyWhatARetryCanFix(ErrorKind kind, bool expected)
    {
        // Arrange
        var sut = CreateSut();

        // Act
        var retry = sut.ShouldRetry(1, Failure(kind));

        // Assert
        Assert.Equal(expected, retry);
    }

    [Fact]
    public void ShouldRetry_LastAttempt_ReturnsFalse()
    {
        // Arrange
        var sut = CreateSut();

        // Act + Assert
        Assert.True(sut.ShouldRetry(4, Failure(ErrorKind.Transient)));
        Assert.False(sut.ShouldRetry(5, Failure(ErrorKind.Transient)));
    }

    [Fact]
    public void Handle_CustomPredicate_Replaces_Default()
    {
        // Arrange
        var sut = new WorkflowRetryPolicy(3, TimeSpan.FromSeconds(1)) { Handle = f => f.Kind == ErrorKind.NotFound };

        // Act + Assert
        Assert.True(sut.ShouldRetry(1, Failure(ErrorKind.NotFound)));
        Assert.False(sut.ShouldRetry(1, Failure(ErrorKind.Transient)));
    }

    [Fact]
    public void Ctor_OutOfRange_Throws()
    {
        // Act + Assert
        Assert.Throws<ArgumentOutOfRangeException>(() => new WorkflowRetryPolicy(0, TimeSpan.FromSeconds(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new WorkflowRetryPolicy(3, TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => new WorkflowRetryPolicy(3, TimeSpan.FromSeconds(1), 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new WorkflowRetryPolicy(3, TimeSpan.FromSeconds(10), 2, TimeSpan.FromSeconds(5)));
    }
}
