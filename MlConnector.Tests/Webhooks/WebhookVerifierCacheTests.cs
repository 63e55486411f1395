using Microsoft.Extensions.Time.Testing;
using MlConnector.Core.Webhooks;
using MlConnector.Tests.TestSupport;

namespace MlConnector.Tests.Webhooks;

/// <summary>
/// The verification cache's reads are single-flight: callers that miss together share one read, a value just past its
/// lifetime is answered while one read refreshes it, and a value past the stale limit is read again before answering.
/// </summary>
public class WebhookVerifierCacheTests
{
    [Fact]
    public async Task GetAsync_ManyCallersMissTogether_ShareOneRead()
    {
        // Arrange
        var sut = new WebhookVerifierCache(new FakeTimeProvider(new DateTimeOffset(2026, 12, 6, 12, 0, 0, TimeSpan.Zero)));
        var store = new HeldStore("s1");

        // Act
        var callers = Enumerable.Range(0, 20).Select(_ => sut.GetAsync("secret:a", store.ReadAsync)).ToArray();
        var readsWhileHeld = store.Reads;
        store.Release();
        var values = await Task.WhenAll(callers);

        // Assert
        Assert.Equal(1, readsWhileHeld);
        Assert.All(values, v => Assert.Equal("s1", v));
        Assert.Equal(1, store.Reads);
    }

    [Fact]
    public async Task GetAsync_ValueJustPastItsLifetime_IsAnsweredAtOnceWhileOneReadRefreshesIt()
    {
        // Arrange: a kept value, then its lifetime passes and the store holds a new one behind a held read.
        var (sut, store) = await KeptThenAgedAsync(WebhookVerifierCache.Lifetime + TimeSpan.FromSeconds(1));

        // Act
        var stale = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => sut.GetAsync("secret:a", store.ReadAsync)));
        store.Release();
        await WorkflowWait.UntilAsync(async () => await sut.GetAsync("secret:a", store.ReadAsync) == "new");

        // Assert
        Assert.All(stale, v => Assert.Equal("old", v));
        Assert.Equal(1, store.Reads);
    }

    [Fact]
    public async Task GetAsync_ValuePastTheStaleLimit_IsReadAgainBeforeAnswering()
    {
        // Arrange
        var (sut, store) = await KeptThenAgedAsync(WebhookVerifierCache.Lifetime + WebhookVerifierCache.StaleLimit + TimeSpan.FromSeconds(1));

        // Act
        var caller = sut.GetAsync("secret:a", store.ReadAsync);
        var answeredWhileHeld = caller.IsCompleted;
        store.Release();

        // Assert
        Assert.False(answeredWhileHeld);
        Assert.Equal("new", await caller);
    }

    [Fact]
    public async Task GetAsync_RefreshWhileAReadStartedBeforeTheRotationIsUnderWay_AnswersTheRotatedValue()
    {
        // Arrange: a caller misses and its read reaches the store while it still holds "old"; the secret is then rotated.
        var sut = new WebhookVerifierCache(new FakeTimeProvider(new DateTimeOffset(2026, 12, 6, 12, 0, 0, TimeSpan.Zero)));
        var store = new RotatingStore("old");
        var before = sut.GetAsync("secret:a", store.ReadAsync);
        store.Value = "new";

        // Act: a delivery signed with the new secret failed its check against "old" and asks for a fresh read.
        var refreshed = sut.GetAsync("secret:a", store.ReadAsync, refresh: true);
        store.ReleaseHeld();

        // Assert
        Assert.Equal("old", await before);
        Assert.Equal("new", await refreshed);
        Assert.Equal("new", await sut.GetAsync("secret:a", store.ReadAsync));
    }

    /// <summary>A cache holding "old" for <c>secret:a</c>, aged by <paramref name="age"/>, and a store holding "new" behind a held read.</summary>
    private static async Task<(WebhookVerifierCache Cache, HeldStore Store)> KeptThenAgedAsync(TimeSpan age)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 6, 12, 0, 0, TimeSpan.Zero));
        var cache = new WebhookVerifierCache(clock);
        Assert.Equal("old", await cache.GetAsync("secret:a", _ => Task.FromResult<string?>("old")));
        clock.Advance(age);
        return (cache, new HeldStore("new"));
    }

    /// <summary>A store whose first read sees the value of the moment it started and is held until released; later reads answer at once.</summary>
    private sealed class RotatingStore(string value)
    {
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _reads;

        public string Value { get; set; } = value;

        public void ReleaseHeld() => _release.SetResult();

        public async Task<string?> ReadAsync(CancellationToken cancellationToken)
        {
            var seen = Value;
            if (Interlocked.Increment(ref _reads) == 1)
            {
                await _release.Task.WaitAsync(cancellationToken);
            }

            return seen;
        }
    }

    /// <summary>A store whose reads wait until released, counting them.</summary>
    private sealed class HeldStore(string value)
    {
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _reads;

        public int Reads => Volatile.Read(ref _reads);

        public void Release() => _release.SetResult();

        public async Task<string?> ReadAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _reads);
            await _release.Task.WaitAsync(cancellationToken);
            return value;
        }
    }
}
