using Microsoft.Extensions.Logging.Testing;
using MlConnector.Core.Connectors.QuickBooksOnline;
using MlConnector.Core.Connectors.ShipStation;
using MlConnector.Core.Resilience;
using MlConnector.Tests.TestSupport;

namespace MlConnector.Tests.Resilience;

public sealed class RateGovernorTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(5);

    private readonly TimerCountingTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero));
    private readonly FakeLogger<RateGovernor> _logger = new();

    [Fact]
    public async Task AcquireAsync_41stWithin40PerMinute_WaitsUntilTheWindowRefills()
    {
        // Arrange (ShipStation V1: 40 per minute; 20 spent at 0 s, 20 at 30 s)
        var sut = CreateSut(ShipStationRatePolicies.V1);
        await AcquireAndReleaseAsync(sut, 20);
        _time.Advance(TimeSpan.FromSeconds(30));
        await AcquireAndReleaseAsync(sut, 20);

        // Act
        var fortyFirst = sut.AcquireAsync();
        _time.Advance(TimeSpan.FromSeconds(30) - TimeSpan.FromMilliseconds(1));
        var completedEarly = fortyFirst.IsCompleted;
        _time.Advance(TimeSpan.FromMilliseconds(1));

        // Assert (the permits spent at 0 s come back at 60 s)
        Assert.False(completedEarly);
        using var lease = await fortyFirst.WaitAsync(Guard);
    }

    [Fact]
    public async Task AvailablePermits_CountsTheLongestWindowsGrantsAndInFlight_AndZeroWhilePaused()
    {
        // Arrange: QBO's request budget (450 per minute, 8 per second); 8 spent at 0 s, 8 at 30 s, one still in flight.
        var sut = CreateSut(QuickBooksOnlineRatePolicies.Requests);
        var fresh = sut.AvailablePermits;
        await AcquireAndReleaseAsync(sut, 8);
        _time.Advance(TimeSpan.FromSeconds(30));
        await AcquireAndReleaseAsync(sut, 7);
        var inFlight = await sut.AcquireAsync().WaitAsync(Guard);

        // Act
        var afterSixteen = sut.AvailablePermits;
        inFlight.Dispose();
        _time.Advance(TimeSpan.FromSeconds(30));
        var afterTheFirstEightExpired = sut.AvailablePermits;
        sut.PauseFor(TimeSpan.FromSeconds(10));
        var paused = sut.AvailablePermits;

        // Assert: the 1 s window only paces and is not what is counted.
        Assert.Equal(450, fresh);
        Assert.Equal(450 - 16, afterSixteen);
        Assert.Equal(450 - 8, afterTheFirstEightExpired);
        Assert.Equal(0, paused);
    }

    [Fact]
    public async Task AcquireAsync_ConcurrencyCapReached_WaitsUntilALeaseIsReleased()
    {
        // Arrange
        var sut = CreateSut(new RateLimitPolicy(10));
        var leases = new List<RateGovernorLease>();
        for (var i = 0; i < 10; i++)
        {
            leases.Add(await sut.AcquireAsync().WaitAsync(Guard));
        }

        // Act
        var eleventh = sut.AcquireAsync();
        var completedWhileFull = eleventh.IsCompleted;
        leases[3].Dispose();

        // Assert
        Assert.False(completedWhileFull);
        using var lease = await eleventh.WaitAsync(Guard);
        leases.ForEach(l => l.Dispose());
    }

    [Fact]
    public async Task AcquireAsync_PermitsHeldInFlight_ComeBackOneWindowAfterTheRequestCompletes()
    {
        // Arrange: 2 per second; both permits taken by requests that take 5 s to answer.
        var sut = CreateSut(new RateLimitPolicy(null, new RateWindow(2, TimeSpan.FromSeconds(1))));
        var first = await sut.AcquireAsync().WaitAsync(Guard);
        using var second = await sut.AcquireAsync().WaitAsync(Guard);

        // Act
        var third = sut.AcquireAsync();
        _time.Advance(TimeSpan.FromSeconds(5));
        var afterFiveSecondsInFlight = third.IsCompleted;
        var timers = _time.TimersCreated;
        first.Dispose();
        var rightAfterCompletion = third.IsCompleted;
        await _time.WaitForTimerAfterAsync(timers, Guard);
        _time.Advance(TimeSpan.FromSeconds(1));

        // Assert: the vendor counted the first request on arrival, so its permit is free only a window after it answered.
        Assert.False(afterFiveSecondsInFlight);
        Assert.False(rightAfterCompletion);
        using var lease = await third.WaitAsync(Guard);
    }

    [Fact]
    public async Task AcquireAsync_QuickBooksOnline_NinthNeedsASlotAndTheNextSecond()
    {
        // Arrange (QBO budget per realm: 8 concurrent and 8 per second, below Intuit's 10 and 10)
        var sut = CreateSut(QuickBooksOnlineRatePolicies.Requests);
        var leases = new List<RateGovernorLease>();
        for (var i = 0; i < 8; i++)
        {
            leases.Add(await sut.AcquireAsync().WaitAsync(Guard));
        }

        // Act
        var ninth = sut.AcquireAsync();
        leases[0].Dispose();
        await WaitForLogAsync("RateGovernorWaiting");
        var completedWithinTheSecond = ninth.IsCompleted;
        _time.Advance(TimeSpan.FromSeconds(1));

        // Assert
        Assert.False(completedWithinTheSecond);
        using var lease = await ninth.WaitAsync(Guard);
        leases.ForEach(l => l.Dispose());
    }

    [Fact]
    public async Task ObserveResponse_RemainingZeroWithReset_PausesOtherCallersUntilTheReset()
    {
        // Arrange
        var sut = CreateSut(ShipStationRatePolicies.V1);
        using var response = new HttpResponseMessage(HttpStatusCode.OK);
        response.Headers.Add("X-Rate-Limit-Remaining", "0");
        response.Headers.Add("X-Rate-Limit-Reset", "30");

        // Act
        sut.ObserveResponse(response);
        var next = sut.AcquireAsync();
        _time.Advance(TimeSpan.FromSeconds(29));
        var completedEarly = next.IsCompleted;
        _time.Advance(TimeSpan.FromSeconds(1));

        // Assert
        Assert.False(completedEarly);
        using var lease = await next.WaitAsync(Guard);
    }

    [Fact]
    public async Task ObserveResponse_RemainingAboveZero_DoesNotPause()
    {
        // Arrange
        var sut = CreateSut(ShipStationRatePolicies.V1);
        using var response = new HttpResponseMessage(HttpStatusCode.OK);
        response.Headers.Add("X-Rate-Limit-Remaining", "12");
        response.Headers.Add("X-Rate-Limit-Reset", "30");

        // Act
        sut.ObserveResponse(response);

        // Assert
        Assert.Null(sut.PausedUntil);
        using var lease = await sut.AcquireAsync().WaitAsync(Guard);
    }

    [Fact]
    public void ObserveResponse_429WithRetryAfter_PausesTheKeyForTheHeader()
    {
        // Arrange
        var sut = CreateSut(ShipStationRatePolicies.V2);
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.Add("Retry-After", "12");

        // Act
        sut.ObserveResponse(response);

        // Assert
        Assert.Equal(_time.GetUtcNow().AddSeconds(12), sut.PausedUntil);
        var record = Assert.Single(_logger.Collector.GetSnapshot());
        Assert.Equal(1210, record.Id.Id);
        Assert.Equal("RateGovernorPaused", record.Id.Name);
    }

    [Fact]
    public void ObserveResponse_429WithoutHeaders_PausesForThePolicysThrottlePause()
    {
        // Arrange (QBO: "429 → wait 60 s")
        var sut = CreateSut(QuickBooksOnlineRatePolicies.Requests);
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);

        // Act
        sut.ObserveResponse(response);

        // Assert
        Assert.Equal(_time.GetUtcNow().AddSeconds(60), sut.PausedUntil);
    }

    [Fact]
    public void PauseFor_ShorterThanTheCurrentPause_DoesNotShortenIt()
    {
        // Arrange
        var sut = CreateSut(RateLimitPolicy.Default);
        sut.PauseFor(TimeSpan.FromSeconds(40));

        // Act
        sut.PauseFor(TimeSpan.FromSeconds(5));

        // Assert
        Assert.Equal(_time.GetUtcNow().AddSeconds(40), sut.PausedUntil);
    }

    [Fact]
    public void PauseFor_BeyondMaxPause_IsCapped()
    {
        // Arrange
        var sut = CreateSut(RateLimitPolicy.Default with { MaxPause = TimeSpan.FromMinutes(2) });

        // Act
        sut.PauseFor(TimeSpan.FromHours(6));

        // Assert
        Assert.Equal(_time.GetUtcNow().AddMinutes(2), sut.PausedUntil);
    }

    [Fact]
    public async Task AcquireAsync_CancelledWhileWaiting_SpendsNothingAndReleasesTheSlot()
    {
        // Arrange (one slot, one permit per minute, the permit already spent)
        var sut = CreateSut(new RateLimitPolicy(1, new RateWindow(1, TimeSpan.FromMinutes(1))));
        (await sut.AcquireAsync().WaitAsync(Guard)).Dispose();
        using var cancellation = new CancellationTokenSource();
        var waiting = sut.AcquireAsync(cancellation.Token);

        // Act
        await cancellation.CancelAsync();

        // Assert
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(Guard));
        _time.Advance(TimeSpan.FromMinutes(1));
        var next = sut.AcquireAsync();
        Assert.True(next.IsCompletedSuccessfully, "The cancelled waiter kept the slot or spent the permit.");
        (await next).Dispose();
    }

    [Fact]
    public async Task Lease_DisposedTwice_ReleasesOneSlotOnly()
    {
        // Arrange
        var sut = CreateSut(new RateLimitPolicy(1));
        var first = await sut.AcquireAsync().WaitAsync(Guard);

        // Act
        first.Dispose();
        first.Dispose();
        using var second = await sut.AcquireAsync().WaitAsync(Guard);
        var third = sut.AcquireAsync();

        // Assert
        Assert.False(third.IsCompleted);
        second.Dispose();
        (await third.WaitAsync(Guard)).Dispose();
    }

    private static async Task AcquireAndReleaseAsync(RateGovernor governor, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var acquire = governor.AcquireAsync();
            Assert.True(acquire.IsCompletedSuccessfully, $"Permit {i + 1} of {count} had to wait.");
            (await acquire).Dispose();
        }
    }

    private async Task WaitForLogAsync(string eventName)
    {
        using var guard = new CancellationTokenSource(Guard);
        await foreach (var record in _logger.Collector.GetLogsAsync(guard.Token))
        {
            if (record.Id.Name == eventName)
            {
                return;
            }
        }
    }

    private RateGovernor CreateSut(RateLimitPolicy policy) =>
        new RateGovernorRegistry([new RateLimitPolicyRegistration("test", policy)], _time, _logger).GetGovernor("test", "realm-1");
}
