using MlConnector.Core.Connectors.ShipStation;
using MlConnector.Core.Errors;

namespace MlConnector.Core.Intake.ShipStation;

/// <summary>
/// ShipStation's V2 webhook signing keys (the JWKS at <see cref="ShipStationOptions.V2JwksUrl"/>), kept in process memory so
/// a delivery costs no request to ShipStation: the set is used for <see cref="Lifetime"/>; a delivery naming a key id the
/// set lacks fetches it again (ShipStation may rotate keys), but at most once per <see cref="RefreshInterval"/>, so forged
/// deliveries with made-up key ids cannot make us fetch the JWKS on every request. A failed fetch is not repeated within
/// <see cref="RefreshInterval"/> either. One fetch runs at a time; concurrent callers share it.
/// </summary>
/// <remarks>
/// The validation guide (https://docs.shipstation.com/apis/docs/guides/webhooks-validation) says to fetch the keys from the
/// JWKS and to look a key up by the <c>x-shipengine-rsa-sha256-key-id</c> header; it states no cache lifetime, so the set is
/// kept for an hour and refreshed early on an unknown key id, the usual handling of a rotating JWKS.
/// </remarks>
/// <param name="shipStation">The ShipStation client (fetches the JWKS).</param>
/// <param name="timeProvider">The clock.</param>
/// <param name="logger">The logger.</param>
public sealed class ShipStationSigningKeyCache(IShipStationClient shipStation, TimeProvider timeProvider, ILogger<ShipStationSigningKeyCache> logger) : IDisposable
{
    /// <summary>How long a fetched key set is used before it is fetched again: 1 hour.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    /// <summary>The shortest time between two fetches caused by unknown key ids or after a failed fetch: 60 s.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(60);

    /// <summary>How long one fetch may take before it counts as failed: 5 s.</summary>
    public static readonly TimeSpan FetchTimeout = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private ShipStationWebhookKeys? _keys;
    private DateTimeOffset _fetchedAt = DateTimeOffset.MinValue;
    private DateTimeOffset _lastAttempt = DateTimeOffset.MinValue;
    private int _fetches;

    /// <summary>How many times this process has fetched the JWKS (successfully or not).</summary>
    public int Fetches => Volatile.Read(ref _fetches);

    /// <summary>Returns a key set that holds <paramref name="keyId"/> if one can be had within the limits above.</summary>
    /// <param name="keyId">The key id the delivery names.</param>
    /// <param name="cancellationToken">Cancels the wait and the fetch.</param>
    /// <returns>
    /// The kept or freshly fetched key set (which may still lack <paramref name="keyId"/>: the verifier then answers
    /// <see cref="ShipStationWebhookVerification.UnknownKey"/>); null when no set was ever fetched and none can be now.
    /// </returns>
    public async Task<ShipStationWebhookKeys?> GetAsync(string keyId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keyId);
        if (Usable(keyId) is { } kept)
        {
            return kept;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (Usable(keyId) is { } fetchedMeanwhile)
            {
                return fetchedMeanwhile;
            }

            // Fetched or tried within the interval: answer with what is kept (a set lacking the key id, or none yet).
            var now = timeProvider.GetUtcNow();
            if (now - _lastAttempt < RefreshInterval)
            {
                return _keys;
            }

            return await FetchAsync(now, cancellationToken) ?? _keys;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _gate.Dispose();

    private ShipStationWebhookKeys? Usable(string keyId)
    {
        var keys = Volatile.Read(ref _keys);
        return keys is not null && timeProvider.GetUtcNow() - _fetchedAt < Lifetime && keys.KeyIds.Contains(keyId) ? keys : null;
    }

    private async Task<ShipStationWebhookKeys?> FetchAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        _lastAttempt = now;
        Interlocked.Increment(ref _fetches);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(FetchTimeout);
        try
        {
            var keys = await shipStation.GetV2WebhookSigningKeysAsync(deadline.Token);
            _fetchedAt = now;
            Volatile.Write(ref _keys, keys);
            logger.SigningKeysFetched(keys.KeyIds.Count);
            return keys;
        }
        catch (Exception ex) when (ex is ConnectorException or HttpRequestException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            logger.SigningKeysUnavailable(ex, (int)RefreshInterval.TotalSeconds);
            return null;
        }
    }
}
