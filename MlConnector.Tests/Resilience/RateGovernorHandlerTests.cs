using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using MlConnector.Core.Resilience;
using MlConnector.Tests.TestSupport;

namespace MlConnector.Tests.Resilience;

public sealed class RateGovernorHandlerTests : IDisposable
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(5);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero));
    private readonly StubHttpMessageHandler _vendor = new();
    private readonly RateGovernorRegistry _registry;

    public RateGovernorHandlerTests() =>
        _registry = new RateGovernorRegistry([new RateLimitPolicyRegistration("test", new RateLimitPolicy(1))], _time, NullLogger<RateGovernor>.Instance);

    public void Dispose() => _vendor.Dispose();

    [Fact]
    public async Task SendAsync_RequestWithoutRateLimitKey_ThrowsAndSendsNothing()
    {
        // Arrange
        using var sut = CreateSut();
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://vendor.example/orders");

        // Act
        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => sut.SendAsync(request, CancellationToken.None));

        // Assert
        Assert.Contains("SetRateLimitKey", exception.Message, StringComparison.Ordinal);
        Assert.Empty(_vendor.Requests);
    }

    [Fact]
    public async Task SendAsync_429WithRetryAfter_PausesTheKeysGovernor()
    {
        // Arrange
        _vendor.Enqueue(HttpStatusCode.TooManyRequests, ("Retry-After", "20"));
        using var sut = CreateSut();

        // Act
        using var response = await sut.SendAsync(Request("realm-1"), CancellationToken.None);

        // Assert
        Assert.Equal(_time.GetUtcNow().AddSeconds(20), _registry.GetGovernor("test", "realm-1").PausedUntil);
        Assert.Null(_registry.GetGovernor("test", "realm-2").PausedUntil);
    }

    [Fact]
    public async Task SendAsync_ResponseArrived_ReleasesTheSlot()
    {
        // Arrange (one slot on the key)
        _vendor.Enqueue(HttpStatusCode.OK).Enqueue(HttpStatusCode.OK);
        using var sut = CreateSut();

        // Act
        using var first = await sut.SendAsync(Request("realm-1"), CancellationToken.None).WaitAsync(Guard);
        using var second = await sut.SendAsync(Request("realm-1"), CancellationToken.None).WaitAsync(Guard);

        // Assert
        Assert.Equal(2, _vendor.Requests.Count);
    }

    [Fact]
    public async Task SendAsync_VendorCallThrows_ReleasesTheSlot()
    {
        // Arrange (nothing scripted: the stub throws)
        using var sut = CreateSut();
        await Assert.ThrowsAsync<InvalidOperationException>(() => sut.SendAsync(Request("realm-1"), CancellationToken.None));

        // Act
        var next = _registry.GetGovernor("test", "realm-1").AcquireAsync();

        // Assert
        Assert.True(next.IsCompletedSuccessfully, "The failed call kept its slot.");
        (await next).Dispose();
    }

    [Fact]
    public async Task SendAsync_KeyPaused_WaitsBeforeSending()
    {
        // Arrange
        _vendor.Enqueue(HttpStatusCode.OK);
        _registry.GetGovernor("test", "realm-1").PauseFor(TimeSpan.FromSeconds(10));
        using var sut = CreateSut();

        // Act
        var sending = sut.SendAsync(Request("realm-1"), CancellationToken.None);
        var sentEarly = _vendor.Requests.Count;
        _time.Advance(TimeSpan.FromSeconds(10));

        // Assert
        Assert.Equal(0, sentEarly);
        using var response = await sending.WaitAsync(Guard);
        Assert.Single(_vendor.Requests);
    }

    private static HttpRequestMessage Request(string key) =>
        new HttpRequestMessage(HttpMethod.Get, "https://vendor.example/orders").SetRateLimitKey("test", key);

    private HttpMessageInvoker CreateSut() => new(new RateGovernorHandler(_registry) { InnerHandler = _vendor });
}
