using System.Collections.Concurrent;

namespace MlConnector.Core.Webhooks;

/// <summary>
/// Keeps what webhook verification reads (a connection, its URL path secret, the QBO verifier token) in process memory
/// for <see cref="Lifetime"/>, so that a route's answer costs one storage write (the intake's record) instead of two or
/// three reads and a write per delivery; under load those reads queue behind the dispatcher's work on the same account
/// (and in Azure, Key Vault throttles reads per vault). Only values found are kept. A caller whose check fails against a
/// kept value reads again (<c>refresh</c>), so a rotated secret or a new connection is honoured at once, and a retired
/// secret stops working within <see cref="Lifetime"/> plus one read (at most <see cref="Lifetime"/> + <see cref="StaleLimit"/>).
/// </summary>
/// <remarks>
/// Reads are single-flight: callers that miss the same key at once share one read, and a value past its lifetime (by at
/// most <see cref="StaleLimit"/>) is still answered while one read refreshes it in the background. Before, every request in
/// flight when a value expired read it again: at 200 deliveries/s on a loaded Azurite those hundreds of reads queued behind
/// one another and held the ShipStation route for 10–30 s (docs/performance.md, "Where the ack's tail went").
/// </remarks>
/// <param name="timeProvider">The clock.</param>
public sealed class WebhookVerifierCache(TimeProvider timeProvider)
{
    /// <summary>How long a value read is used: 30 s.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    /// <summary>How long past <see cref="Lifetime"/> a kept value is still answered while a read refreshes it: 30 s.</summary>
    public static readonly TimeSpan StaleLimit = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, (object Value, DateTimeOffset Until)> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (Task<object?> Task, long Number)> _reads = new(StringComparer.Ordinal);
    private long _readsStarted;

    /// <summary>Returns the kept value of <paramref name="key"/>, or reads it (and keeps it when found).</summary>
    /// <typeparam name="T">The value's type.</typeparam>
    /// <param name="key">The key, unique across what the cache holds (for example <c>secret:conn-acme-…</c>).</param>
    /// <param name="read">Reads the value from its store; null when there is none. A read shared by several callers gets no token.</param>
    /// <param name="refresh">True to read even when a value is kept (after a check failed against it); joins a read that started after this call, and waits out one that started before (it may bring the value just rotated away).</param>
    /// <param name="cancellationToken">Cancels this caller's wait (not a read other callers share).</param>
    /// <returns>The value, or null when the store has none.</returns>
    public async Task<T?> GetAsync<T>(string key, Func<CancellationToken, Task<T?>> read, bool refresh = false, CancellationToken cancellationToken = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(read);
        var now = timeProvider.GetUtcNow();
        if (!refresh && _entries.TryGetValue(key, out var kept) && kept.Value is T value)
        {
            if (kept.Until > now)
            {
                return value;
            }

            if (kept.Until + StaleLimit > now)
            {
                // Answer the kept value; one read refreshes it (its failure leaves the value to expire).
                _ = ReadOnceAsync(key, read).Task.ContinueWith(t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                return value;
            }
        }

        // A refresh follows a check that failed against a kept value, perhaps because the value was rotated a moment ago: a
        // read that started before this call may still bring the old value, so a refresh waits for it and reads again.
        var after = refresh ? Interlocked.Read(ref _readsStarted) : long.MinValue;
        return await ReadStartedAfterAsync(key, read, after).WaitAsync(cancellationToken) as T;
    }

    private async Task<object?> ReadStartedAfterAsync<T>(string key, Func<CancellationToken, Task<T?>> read, long after)
        where T : class
    {
        while (true)
        {
            var (task, number) = ReadOnceAsync(key, read);
            if (number > after)
            {
                return await task;
            }

            // The older read's outcome, even its failure, is its callers'; this caller reads again once it is done.
            await Task.WhenAny(task);
        }
    }

    private (Task<object?> Task, long Number) ReadOnceAsync<T>(string key, Func<CancellationToken, Task<T?>> read)
        where T : class
    {
        while (true)
        {
            if (_reads.TryGetValue(key, out var running))
            {
                return running;
            }

            var completion = new TaskCompletionSource<object?>(TaskCreationOptions.RunContinuationsAsynchronously);
            var started = (completion.Task, Interlocked.Increment(ref _readsStarted));
            if (_reads.TryAdd(key, started))
            {
                _ = RunAsync(completion);
                return started;
            }
        }

        async Task RunAsync(TaskCompletionSource<object?> completion)
        {
            try
            {
                var fresh = await read(CancellationToken.None);
                if (fresh is null)
                {
                    _entries.TryRemove(key, out _);
                }
                else
                {
                    _entries[key] = (fresh, timeProvider.GetUtcNow() + Lifetime);
                }

                _reads.TryRemove(key, out _);
                completion.SetResult(fresh);
            }
            catch (Exception ex)
            {
                _reads.TryRemove(key, out _);
                completion.SetException(ex);
            }
        }
    }
}
