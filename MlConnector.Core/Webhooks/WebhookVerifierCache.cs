using System.Collections.Concurrent;

namespace MlConnector.Core.Webhooks;

/// <summary>
/// Keeps what webhook verification reads (a connection, its URL path secret, the QBO verifier token) in process memory
/// for <see cref="Lifetime"/>, so that a route's answer costs one storage write (the intake's record) instead of two or
/// three reads and a write per delivery; under load those reads queue behind the dispatcher's work on the same account
/// (and in Azure, Key Vault throttles reads per vault). Only values found are kept. A caller whose check fails against a
/// kept value reads again (<c>refresh</c>), so a rotated secret or a new connection is honoured at once, and a retired
/// secret stops working within <see cref="Lifetime"/>.
/// </summary>
/// <param name="timeProvider">The clock.</param>
public sealed class WebhookVerifierCache(TimeProvider timeProvider)
{
    /// <summary>How long a value read is used: 30 s.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, (object Value, DateTimeOffset Until)> _entries = new(StringComparer.Ordinal);

    /// <summary>Returns the kept value of <paramref name="key"/>, or reads it (and keeps it when found).</summary>
    /// <typeparam name="T">The value's type.</typeparam>
    /// <param name="key">The key, unique across what the cache holds (for example <c>secret:conn-acme-…</c>).</param>
    /// <param name="read">Reads the value from its store; null when there is none.</param>
    /// <param name="refresh">True to read even when a value is kept (after a check failed against it).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The value, or null when the store has none.</returns>
    public async Task<T?> GetAsync<T>(string key, Func<CancellationToken, Task<T?>> read, bool refresh = false, CancellationToken cancellationToken = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(read);
        var now = timeProvider.GetUtcNow();
        if (!refresh && _entries.TryGetValue(key, out var kept) && kept.Until > now && kept.Value is T value)
        {
            return value;
        }

        var fresh = await read(cancellationToken);
        if (fresh is null)
        {
            _entries.TryRemove(key, out _);
        }
        else
        {
            _entries[key] = (fresh, now + Lifetime);
        }

        return fresh;
    }
}
