using System.Collections.Concurrent;
using MlConnector.Core.Storage;

namespace MlConnector.Core.Auth;

/// <summary>
/// Access tokens held in memory per key (connection or account, and provider) until their expiry minus the skew, with one
/// gate per key so that only one caller acquires or renews a token at a time (single flight); callers queued behind it
/// find the new token here.
/// </summary>
/// <param name="options">The OAuth options (<see cref="OAuthOptions.AccessTokenSkew"/>).</param>
/// <param name="timeProvider">The clock.</param>
/// <param name="logger">The logger.</param>
internal sealed class OAuthAccessTokenCache(OAuthOptions options, TimeProvider timeProvider, ILogger logger)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CachedAccessToken> _cache = new(StringComparer.Ordinal);

    public static string Key(string id, string provider) => TableKeys.Compose(id, provider.ToLowerInvariant());

    public static string ClientCredentialsKey(string accountKey, string provider) => "cc|" + Key(accountKey, provider);

    /// <summary>The cached token of <paramref name="key"/>, else one from <paramref name="acquire"/>, one caller at a time per key.</summary>
    public async Task<string> GetOrAcquireAsync(string key, Func<Task<string>> acquire, CancellationToken cancellationToken)
    {
        if (TryGet(key, out var token))
        {
            return token;
        }

        var gate = _gates.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            return TryGet(key, out token) ? token : await acquire();
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Replaces a refused token under the key's gate, unless another caller already replaced it.</summary>
    public async Task<string> RenewAsync(string id, string provider, string key, string rejectedAccessToken, Func<Task<string>> acquire, CancellationToken cancellationToken)
    {
        var gate = _gates.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (TryGet(key, out var token) && !string.Equals(token, rejectedAccessToken, StringComparison.Ordinal))
            {
                // Another caller already renewed while this one waited at the gate.
                return token;
            }

            _cache.TryRemove(key, out _);
            logger.AccessTokenRejected(id, provider);
            return await acquire();
        }
        finally
        {
            gate.Release();
        }
    }

    public bool TryGet(string key, out string token)
    {
        if (_cache.TryGetValue(key, out var cached) && timeProvider.GetUtcNow() < cached.ExpiresAt - options.AccessTokenSkew)
        {
            token = cached.Value;
            return true;
        }

        token = string.Empty;
        return false;
    }

    public void Set(string key, CachedAccessToken token) => _cache[key] = token;
}
