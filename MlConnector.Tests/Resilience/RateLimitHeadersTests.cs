using MlConnector.Core.Resilience;

namespace MlConnector.Tests.Resilience;

public sealed class RateLimitHeadersTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests, "12", 60.0)]
    [InlineData(HttpStatusCode.ServiceUnavailable, "0", 60.0)]
    [InlineData(HttpStatusCode.ServiceUnavailable, "12", null)]
    [InlineData(HttpStatusCode.OK, "39", null)]
    public void GetRetryAfter_XRateLimitReset_CountsOnlyWhenThrottledOrBudgetGone(HttpStatusCode status, string remaining, double? expectedSeconds)
    {
        // Arrange (ShipStation V1 sends the three headers on every response)
        using var response = new HttpResponseMessage(status);
        response.Headers.TryAddWithoutValidation("X-Rate-Limit-Limit", "40");
        response.Headers.TryAddWithoutValidation("X-Rate-Limit-Remaining", remaining);
        response.Headers.TryAddWithoutValidation("X-Rate-Limit-Reset", "60");

        // Act
        var wait = RateLimitHeaders.GetRetryAfter(response, Now);

        // Assert
        Assert.Equal(expectedSeconds is { } s ? TimeSpan.FromSeconds(s) : null, wait);
    }
}
