using Microsoft.Extensions.Time.Testing;
using MlConnector.Cli.Bench;
using MlConnector.Cli.Delivery;
using MlConnector.Tests.TestSupport;

namespace MlConnector.Tests.Cli;

public class BenchDeliveryTests
{
    private static readonly Uri Callback = new("http://127.0.0.1:1/api/webhooks/ups/c/s");

    [Fact]
    public async Task SendAsync_503Then429ThenOk_SendsAgainAndCountsTheRetries()
    {
        // Arrange: a full intake (503), then a connection over its budget (429), both asking for no wait, then accepted.
        var handler = new StubHttpMessageHandler()
            .Enqueue(HttpStatusCode.ServiceUnavailable, ("Retry-After", "0"))
            .Enqueue(HttpStatusCode.TooManyRequests, ("Retry-After", "0"))
            .Enqueue(HttpStatusCode.OK);
        using var http = new HttpClient(handler);

        // Act
        var outcome = await BenchDelivery.SendAsync(http, Request, new FakeTimeProvider(), CancellationToken.None);

        // Assert: three sends of a fresh request each time.
        Assert.Equal(new DeliveryOutcome(true, 2, 200), outcome);
        Assert.Equal(3, handler.Requests.Count);
        Assert.Equal(3, handler.Requests.Distinct().Count());
    }

    [Fact]
    public async Task SendAsync_503WithRetryAfter_WaitsTheSecondsAskedBeforeSendingAgain()
    {
        // Arrange
        var handler = new StubHttpMessageHandler()
            .Enqueue(HttpStatusCode.ServiceUnavailable, ("Retry-After", "5"))
            .Enqueue(HttpStatusCode.OK);
        using var http = new HttpClient(handler);
        var time = new FakeTimeProvider();

        // Act: the clock stands just short of the five seconds, then reaches them.
        var sending = BenchDelivery.SendAsync(http, Request, time, CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(4.9));
        var sentAgainEarly = handler.Requests.Count > 1;
        time.Advance(TimeSpan.FromSeconds(0.1));
        var outcome = await sending;

        // Assert
        Assert.False(sentAgainEarly);
        Assert.Equal(new DeliveryOutcome(true, 1, 200), outcome);
    }

    [Fact]
    public async Task SendAsync_Refused_GivesUpAtOnceWithItsStatus()
    {
        // Arrange: 404, an unknown connection or a wrong URL secret: sending again cannot help.
        var handler = new StubHttpMessageHandler().Enqueue(HttpStatusCode.NotFound);
        using var http = new HttpClient(handler);

        // Act
        var outcome = await BenchDelivery.SendAsync(http, Request, new FakeTimeProvider(), CancellationToken.None);

        // Assert
        Assert.Equal(new DeliveryOutcome(false, 0, 404), outcome);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task SendAsync_AlwaysFull_GivesUpAfterMaxAttempts()
    {
        // Arrange
        var handler = new StubHttpMessageHandler();
        for (var i = 0; i < BenchDelivery.MaxAttempts; i++)
        {
            handler.Enqueue(HttpStatusCode.ServiceUnavailable, ("Retry-After", "0"));
        }

        using var http = new HttpClient(handler);

        // Act
        var outcome = await BenchDelivery.SendAsync(http, Request, new FakeTimeProvider(), CancellationToken.None);

        // Assert
        Assert.Equal(new DeliveryOutcome(false, BenchDelivery.MaxAttempts - 1, 503), outcome);
        Assert.Equal(BenchDelivery.MaxAttempts, handler.Requests.Count);
    }

    private static HttpRequestMessage Request() => new(HttpMethod.Post, Callback) { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
}
