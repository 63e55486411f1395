using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using MlConnector.Core.Audit;
using MlConnector.Core.Errors;
using MlConnector.Core.Secrets;
using MlConnector.Core.Storage;

namespace MlConnector.Core.Auth;

/// <summary>
/// The OAuth 2.0 token manager (see <see cref="IOAuthTokenManager"/>). Register it as a singleton: the in-memory token
/// cache and the per-connection refresh gates live in the instance.
/// </summary>
/// <remarks>
/// <para>Refresh protocol, per connection and provider:</para>
/// <list type="number">
/// <item>A <see cref="SemaphoreSlim"/> per key admits one caller at a time; callers queued behind a refresh find the
/// new token in the cache and return it (single flight).</item>
/// <item>Across instances the token row carries a lease (<c>LeaseOwner</c>, <c>LeaseExpiresAt</c>) taken with an
/// If-Match ETag update. An instance that finds another's unexpired lease waits (polling the row every
/// <see cref="OAuthOptions.RefreshLeasePollInterval"/>) and then reads the token the winner stored.</item>
/// <item>The winner writes the refresh token the provider returned to the secret store <em>before</em> the access
/// token, before updating the row and before returning the access token: Intuit and FreshBooks rotate refresh tokens and
/// the old value stops working (PROTOCOL-NOTES §2, §4).</item>
/// <item><c>invalid_grant</c> or HTTP 400/401/403 marks the row as needing reconsent and throws
/// <see cref="ConnectorAuthException"/>.</item>
/// </list>
/// <para>Every refresh, exchange and client-credentials request is audited under <c>oauth.token.*</c>, without token values.</para>
/// </remarks>
/// <param name="tables">The Tokens table.</param>
/// <param name="secrets">Where tokens and client secrets live.</param>
/// <param name="audit">The audit trail.</param>
/// <param name="httpClientFactory">Supplies the named client <see cref="HttpClientName"/>.</param>
/// <param name="options">Providers and timings.</param>
/// <param name="timeProvider">The clock.</param>
/// <param name="logger">The logger.</param>
public sealed class OAuthTokenManager(
    TableProvider tables,
    ISecretStore secrets,
    IAuditTrail audit,
    IHttpClientFactory httpClientFactory,
    IOptions<OAuthOptions> options,
    TimeProvider timeProvider,
    ILogger<OAuthTokenManager> logger) : IOAuthTokenManager
{
    /// <summary>The named <see cref="HttpClient"/> used for token-endpoint calls.</summary>
    public const string HttpClientName = "MlConnector.OAuth";

    /// <summary>Audit operation of a refresh (and of the hard-expiry warning).</summary>
    public const string RefreshOperation = "oauth.token.refresh";

    /// <summary>Audit operation of an authorization-code exchange.</summary>
    public const string ExchangeOperation = "oauth.token.exchange";

    /// <summary>Audit operation of a client-credentials token request.</summary>
    public const string ClientCredentialsOperation = "oauth.token.client-credentials";

    private const int MaxConcurrencyRetries = 20;

    private readonly OAuthOptions _options = options.Value;
    private readonly OAuthTokenEndpoint _endpoint = new(httpClientFactory, secrets, timeProvider);
    private readonly string _instanceId = Guid.NewGuid().ToString("N");
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CachedAccessToken> _cache = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public async Task<OAuthAuthorizationRequest> BeginAuthorizationAsync(string connectionId, string provider, CancellationToken cancellationToken = default)
    {
        var settings = GetProvider(provider, connectionId);
        if (settings.AuthorizeEndpoint is null || settings.RedirectUri is null)
        {
            throw new InvalidOperationException($"OAuth:Providers:{provider} needs AuthorizeEndpoint and RedirectUri for the authorization-code flow.");
        }

        var (state, nonceHash) = OAuthState.Create(connectionId);
        var expiresAt = timeProvider.GetUtcNow() + _options.StateLifetime;
        var table = await tables.GetTableAsync(tables.Names.Tokens, cancellationToken);
        await UpdateRowAsync(
            table,
            connectionId,
            provider,
            row =>
            {
                row.StateHash = nonceHash;
                row.StateExpiresAt = expiresAt;
            },
            cancellationToken);

        var query = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["client_id"] = settings.ClientId,
            ["response_type"] = "code",
            ["redirect_uri"] = settings.RedirectUri.ToString(),
            ["state"] = state,
        };
        if (settings.Scopes.Count > 0)
        {
            query["scope"] = string.Join(' ', settings.Scopes);
        }

        var url = new Uri(QueryHelpers.AddQueryString(settings.AuthorizeEndpoint.ToString(), query));
        logger.AuthorizationStarted(connectionId, provider, expiresAt);
        return new OAuthAuthorizationRequest(url, state, expiresAt);
    }

    /// <inheritdoc />
    public async Task<OAuthTokenHealth> ExchangeCodeAsync(
        string connectionId,
        string provider,
        string code,
        string state,
        string? realmId = null,
        CancellationToken cancellationToken = default)
    {
        var settings = GetProvider(provider, connectionId);
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        ArgumentException.ThrowIfNullOrWhiteSpace(state);
        if (settings.RedirectUri is null)
        {
            throw new InvalidOperationException($"OAuth:Providers:{provider} needs RedirectUri for the authorization-code flow.");
        }

        var table = await tables.GetTableAsync(tables.Names.Tokens, cancellationToken);
        await ConsumeStateAsync(table, connectionId, provider, state, cancellationToken);

        var grant = new List<KeyValuePair<string, string>>
        {
            new("grant_type", "authorization_code"),
            new("code", code),
            new("redirect_uri", settings.RedirectUri.ToString()),
        };

        OAuthTokenResponse response;
        try
        {
            response = await _endpoint.RequestAsync(provider, settings, settings.TokenEndpoint!, grant, RefreshHeaders(settings), cancellationToken);
        }
        catch (ConnectorException ex)
        {
            await AuditAsync(new AuditRecord(connectionId, ExchangeOperation, AuditOutcome.Failed) { BusinessKey = provider, ErrorKind = ex.Kind, Detail = ex.Message }, cancellationToken);
            throw;
        }

        if (string.IsNullOrEmpty(response.RefreshToken))
        {
            throw new ConnectorException(provider, ErrorKind.Unknown, $"The {provider} token endpoint returned no refresh token for the authorization code.");
        }

        var now = timeProvider.GetUtcNow();
        var accessExpiresAt = ExpiresAt(now, response.ExpiresIn);

        // The refresh token first: it is the one that cannot be obtained again without the merchant.
        await secrets.SetAsync(RefreshTokenName(connectionId, provider), response.RefreshToken, cancellationToken);
        await secrets.SetAsync(AccessTokenName(connectionId, provider), response.AccessToken!, cancellationToken);

        var stored = await UpdateRowAsync(
            table,
            connectionId,
            provider,
            row =>
            {
                ApplyTokens(row, response, now, accessExpiresAt);
                row.RealmId = realmId ?? row.RealmId;
                row.NeedsReconsent = false;
                row.ReconsentReason = null;
                row.LeaseOwner = null;
                row.LeaseExpiresAt = null;
            },
            cancellationToken);

        _cache[CacheKey(connectionId, provider)] = new CachedAccessToken(response.AccessToken!, accessExpiresAt);
        logger.AuthorizationCodeExchanged(connectionId, provider, accessExpiresAt);
        await AuditAsync(
            new AuditRecord(connectionId, ExchangeOperation, AuditOutcome.Succeeded)
            {
                BusinessKey = provider,
                VendorReference = realmId,
                Detail = $"Connected; access token expires {accessExpiresAt:o}.",
            },
            cancellationToken);
        await WarnIfHardExpiryNearAsync(connectionId, provider, stored.RefreshTokenHardExpiresAt, now, cancellationToken);
        return ToHealth(connectionId, stored, now);
    }

    /// <inheritdoc />
    public Task<string> GetAccessTokenAsync(string connectionId, string provider, CancellationToken cancellationToken = default)
    {
        var settings = GetProvider(provider, connectionId);
        var key = CacheKey(connectionId, provider);
        return GetCachedOrAcquireAsync(key, () => AcquireAccessTokenAsync(connectionId, provider, settings, key, rejectedAccessToken: null, cancellationToken), cancellationToken);
    }

    /// <inheritdoc />
    public Task<string> RenewAccessTokenAsync(string connectionId, string provider, string rejectedAccessToken, CancellationToken cancellationToken = default)
    {
        var settings = GetProvider(provider, connectionId);
        ArgumentException.ThrowIfNullOrEmpty(rejectedAccessToken);
        var key = CacheKey(connectionId, provider);
        return RenewAsync(connectionId, provider, key, rejectedAccessToken, () => AcquireAccessTokenAsync(connectionId, provider, settings, key, rejectedAccessToken, cancellationToken), cancellationToken);
    }

    /// <inheritdoc />
    public Task<string> GetClientCredentialsTokenAsync(string accountKey, string provider, CancellationToken cancellationToken = default)
    {
        var settings = GetProvider(provider, accountKey);
        var key = ClientCredentialsCacheKey(accountKey, provider);
        return GetCachedOrAcquireAsync(key, () => RequestClientCredentialsTokenAsync(accountKey, provider, settings, key, rejectedAccessToken: null, cancellationToken), cancellationToken);
    }

    /// <inheritdoc />
    public Task<string> RenewClientCredentialsTokenAsync(string accountKey, string provider, string rejectedAccessToken, CancellationToken cancellationToken = default)
    {
        var settings = GetProvider(provider, accountKey);
        ArgumentException.ThrowIfNullOrEmpty(rejectedAccessToken);
        var key = ClientCredentialsCacheKey(accountKey, provider);
        return RenewAsync(accountKey, provider, key, rejectedAccessToken, () => RequestClientCredentialsTokenAsync(accountKey, provider, settings, key, rejectedAccessToken, cancellationToken), cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<OAuthTokenHealth>> GetTokenHealthAsync(string connectionId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionId);
        var table = await tables.GetTableAsync(tables.Names.Tokens, cancellationToken);
        var partition = TableKeys.Escape(connectionId);
        var now = timeProvider.GetUtcNow();
        var result = new List<OAuthTokenHealth>();
        await foreach (var row in table.QueryAsync<OAuthTokenEntity>(e => e.PartitionKey == partition, cancellationToken: cancellationToken))
        {
            result.Add(ToHealth(connectionId, row, now));
        }

        return result;
    }

    private static string ClientCredentialsCacheKey(string accountKey, string provider) => "cc|" + CacheKey(accountKey, provider);

    private static string CacheKey(string id, string provider) => TableKeys.Compose(id, provider.ToLowerInvariant());

    private static string RefreshTokenName(string connectionId, string provider) => SecretName.For(connectionId, provider + "-refresh-token");

    private static string AccessTokenName(string connectionId, string provider) => SecretName.For(connectionId, provider + "-access-token");

    private static DateTimeOffset ExpiresAt(DateTimeOffset now, long? seconds) => now + TimeSpan.FromSeconds(Math.Max(0, seconds ?? 0));

    private static List<KeyValuePair<string, string>> RefreshHeaders(OAuthProviderOptions settings) =>
        settings.RequestRefreshTokenHardExpiry ? [new(OAuthTokenEndpoint.HardExpiryHeader, "true")] : [];

    private static void ApplyTokens(OAuthTokenEntity row, OAuthTokenResponse response, DateTimeOffset now, DateTimeOffset accessExpiresAt)
    {
        row.AccessTokenExpiresAt = accessExpiresAt;
        if (!string.IsNullOrEmpty(response.RefreshToken))
        {
            var lifetime = response.XRefreshTokenExpiresIn ?? response.RefreshTokenExpiresIn;
            row.RefreshTokenExpiresAt = lifetime is null ? null : now + TimeSpan.FromSeconds(lifetime.Value);
        }

        if (response.XRefreshTokenHardExpiresIn is { } hard)
        {
            row.RefreshTokenHardExpiresAt = now + TimeSpan.FromSeconds(hard);
        }

        row.LastRefreshedAt = now;
        row.TokenVersion++;
    }

    private static OAuthTokenEntity NewRow(string connectionId, string provider) =>
        new() { PartitionKey = TableKeys.Escape(connectionId), RowKey = TableKeys.Escape(provider.ToLowerInvariant()) };

    private static async Task<OAuthTokenEntity?> ReadRowAsync(TableClient table, string connectionId, string provider, CancellationToken cancellationToken)
    {
        var row = NewRow(connectionId, provider);
        var response = await table.GetEntityIfExistsAsync<OAuthTokenEntity>(row.PartitionKey, row.RowKey, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    private static bool IsStatus(RequestFailedException ex, HttpStatusCode status) => ex.Status == (int)status;

    private OAuthProviderOptions GetProvider(string provider, string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(provider);
        ArgumentException.ThrowIfNullOrWhiteSpace(id);

        // Validates that both make a valid secret name before anything is stored under them.
        _ = SecretName.For(id, provider + "-refresh-token");
        return _options.Providers.TryGetValue(provider, out var settings) && settings is not null
            ? settings
            : throw new ArgumentException($"No OAuth provider '{provider}' is configured under OAuth:Providers.", nameof(provider));
    }

    /// <summary>The cached token of <paramref name="key"/>, else one from <paramref name="acquire"/>, one caller at a time per key.</summary>
    private async Task<string> GetCachedOrAcquireAsync(string key, Func<Task<string>> acquire, CancellationToken cancellationToken)
    {
        if (TryGetCached(key, out var token))
        {
            return token;
        }

        var gate = _gates.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            return TryGetCached(key, out token) ? token : await acquire();
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Replaces a refused token under the key's gate, unless another caller already replaced it.</summary>
    private async Task<string> RenewAsync(string id, string provider, string key, string rejectedAccessToken, Func<Task<string>> acquire, CancellationToken cancellationToken)
    {
        var gate = _gates.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (TryGetCached(key, out var token) && !string.Equals(token, rejectedAccessToken, StringComparison.Ordinal))
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

    private bool TryGetCached(string key, out string token)
    {
        if (_cache.TryGetValue(key, out var cached) && timeProvider.GetUtcNow() < cached.ExpiresAt - _options.AccessTokenSkew)
        {
            token = cached.Value;
            return true;
        }

        token = string.Empty;
        return false;
    }

    private async Task<string> AcquireAccessTokenAsync(
        string connectionId,
        string provider,
        OAuthProviderOptions settings,
        string key,
        string? rejectedAccessToken,
        CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(tables.Names.Tokens, cancellationToken);
        while (true)
        {
            var row = await ReadRowAsync(table, connectionId, provider, cancellationToken);
            if (row is null || row.LastRefreshedAt is null)
            {
                throw new ConnectorAuthException(provider, $"Connection {connectionId} has not been authorized at {provider}.");
            }

            if (row.NeedsReconsent)
            {
                throw new ConnectorAuthException(provider, $"Connection {connectionId} must be reconnected at {provider} ({row.ReconsentReason ?? "refused"}).", vendorErrorCode: row.ReconsentReason);
            }

            var now = timeProvider.GetUtcNow();
            if (row.AccessTokenExpiresAt is { } expiresAt && now < expiresAt - _options.AccessTokenSkew
                && await secrets.GetAsync(AccessTokenName(connectionId, provider), cancellationToken) is { Length: > 0 } stored
                && !string.Equals(stored, rejectedAccessToken, StringComparison.Ordinal))
            {
                // Another instance (or an earlier run of this one) already refreshed.
                _cache[key] = new CachedAccessToken(stored, expiresAt);
                return stored;
            }

            if (row.LeaseOwner is not null && row.LeaseOwner != _instanceId && row.LeaseExpiresAt is { } leaseEnd && leaseEnd > now)
            {
                logger.RefreshLeaseHeld(connectionId, provider, leaseEnd);
                await Task.Delay(_options.RefreshLeasePollInterval, timeProvider, cancellationToken);
                continue;
            }

            row.LeaseOwner = _instanceId;
            row.LeaseExpiresAt = now + _options.RefreshLeaseDuration;
            ETag leaseTag;
            try
            {
                var response = await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
                leaseTag = response.Headers.ETag ?? throw new InvalidOperationException("Table storage returned no ETag for the lease update.");
            }
            catch (RequestFailedException ex) when (IsStatus(ex, HttpStatusCode.PreconditionFailed))
            {
                continue; // Someone else changed the row first: look again.
            }

            row.ETag = leaseTag;
            return await RefreshUnderLeaseAsync(table, row, connectionId, provider, settings, key, cancellationToken);
        }
    }

    private async Task<string> RefreshUnderLeaseAsync(
        TableClient table,
        OAuthTokenEntity row,
        string connectionId,
        string provider,
        OAuthProviderOptions settings,
        string key,
        CancellationToken cancellationToken)
    {
        var refreshName = RefreshTokenName(connectionId, provider);
        OAuthTokenResponse response;
        try
        {
            var refreshToken = await secrets.GetAsync(refreshName, cancellationToken)
                ?? throw new ConnectorAuthException(provider, $"Connection {connectionId} has no refresh token for {provider}.", vendorErrorCode: "refresh_token_missing");
            var grant = new List<KeyValuePair<string, string>>
            {
                new("grant_type", "refresh_token"),
                new("refresh_token", refreshToken),
            };
            response = await _endpoint.RequestAsync(provider, settings, settings.RefreshEndpoint ?? settings.TokenEndpoint!, grant, RefreshHeaders(settings), cancellationToken);
        }
        catch (ConnectorAuthException ex)
        {
            await MarkReconsentAsync(table, row, provider, ex.VendorErrorCode ?? "refused", cancellationToken);
            logger.ReconsentRequired(ex, connectionId, provider, (int?)ex.StatusCode, ex.VendorErrorCode);
            await AuditAsync(new AuditRecord(connectionId, RefreshOperation, AuditOutcome.Failed) { BusinessKey = provider, ErrorKind = ex.Kind, Detail = ex.Message }, cancellationToken);
            throw;
        }
        catch (Exception ex) when (ex is ConnectorException or RequestFailedException or OperationCanceledException)
        {
            if (ex is not OperationCanceledException)
            {
                logger.TokenRefreshFailed(ex, connectionId, provider);
            }

            await ReleaseLeaseAsync(table, row);
            await AuditAsync(
                new AuditRecord(connectionId, RefreshOperation, AuditOutcome.Failed)
                {
                    BusinessKey = provider,
                    ErrorKind = (ex as ConnectorException)?.Kind ?? ErrorKind.Transient,
                    Detail = ex.Message,
                },
                CancellationToken.None);
            throw;
        }

        var now = timeProvider.GetUtcNow();
        var accessExpiresAt = ExpiresAt(now, response.ExpiresIn);
        var rotated = !string.IsNullOrEmpty(response.RefreshToken);

        // Order matters: the rotated refresh token is durable before the new access token is stored, the row updated or
        // the token returned. If the process dies after this line, the next refresh uses the new refresh token.
        try
        {
            if (rotated)
            {
                await secrets.SetAsync(refreshName, response.RefreshToken!, cancellationToken);
            }

            await secrets.SetAsync(AccessTokenName(connectionId, provider), response.AccessToken!, cancellationToken);
        }
        catch
        {
            // Nothing is returned or cached: a token whose rotated refresh token is not durable must not be used.
            await ReleaseLeaseAsync(table, row);
            throw;
        }

        ApplyTokens(row, response, now, accessExpiresAt);
        row.LeaseOwner = null;
        row.LeaseExpiresAt = null;
        try
        {
            await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
        }
        catch (RequestFailedException ex) when (IsStatus(ex, HttpStatusCode.PreconditionFailed))
        {
            // Our lease lapsed and another instance took the row. The tokens in the secret store are ours and valid;
            // the row still shows the old expiry, so the next caller refreshes with the stored refresh token.
            logger.RefreshLeaseLost(connectionId, provider);
        }

        _cache[key] = new CachedAccessToken(response.AccessToken!, accessExpiresAt);
        logger.AccessTokenRefreshed(connectionId, provider, accessExpiresAt, rotated);
        await AuditAsync(
            new AuditRecord(connectionId, RefreshOperation, AuditOutcome.Succeeded)
            {
                BusinessKey = provider,
                Detail = $"Access token refreshed; expires {accessExpiresAt:o}; refresh token rotated: {(rotated ? "yes" : "no")}.",
            },
            cancellationToken);
        await WarnIfHardExpiryNearAsync(connectionId, provider, row.RefreshTokenHardExpiresAt, now, cancellationToken);
        return response.AccessToken!;
    }

    private static async Task MarkReconsentAsync(TableClient table, OAuthTokenEntity row, string provider, string reason, CancellationToken cancellationToken)
    {
        row.NeedsReconsent = true;
        row.ReconsentReason = reason;
        row.LeaseOwner = null;
        row.LeaseExpiresAt = null;
        try
        {
            await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
        }
        catch (RequestFailedException ex) when (IsStatus(ex, HttpStatusCode.PreconditionFailed))
        {
            // The row changed under us (a new consent landed, or our lease lapsed): the refusal may concern a token
            // that is no longer current, so do not mark the connection.
            throw new ConnectorException(provider, ErrorKind.Transient, "The token row changed during the refresh; try again.", innerException: ex);
        }
    }

    private static async Task ReleaseLeaseAsync(TableClient table, OAuthTokenEntity row)
    {
        row.LeaseOwner = null;
        row.LeaseExpiresAt = null;
        try
        {
            // Not the caller's token: a cancelled caller must still let other instances in now rather than at lease expiry.
            await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, CancellationToken.None);
        }
        catch (RequestFailedException)
        {
            // The lease lapses on its own.
        }
    }

    private async Task ConsumeStateAsync(TableClient table, string connectionId, string provider, string state, CancellationToken cancellationToken)
    {
        var row = await ReadRowAsync(table, connectionId, provider, cancellationToken);
        var now = timeProvider.GetUtcNow();
        string? reason = null;
        if (row?.StateHash is null)
        {
            reason = "no authorization is pending";
        }
        else if (!OAuthState.Verify(state, connectionId, row.StateHash))
        {
            reason = "the state does not match";
        }
        else if (row.StateExpiresAt is not { } expires || expires <= now)
        {
            reason = "the state has expired";
        }

        if (reason is null)
        {
            row!.StateHash = null;
            row.StateExpiresAt = null;
            try
            {
                await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
                return;
            }
            catch (RequestFailedException ex) when (IsStatus(ex, HttpStatusCode.PreconditionFailed))
            {
                reason = "the state was used concurrently";
            }
        }

        logger.AuthorizationStateRejected(connectionId, provider, reason);
        await AuditAsync(new AuditRecord(connectionId, ExchangeOperation, AuditOutcome.Failed) { BusinessKey = provider, ErrorKind = ErrorKind.NeedsReconsent, Detail = "Authorization callback rejected: " + reason + "." }, cancellationToken);
        throw new ConnectorAuthException(provider, $"The authorization callback for connection {connectionId} was rejected: {reason}. Start the connection again.");
    }

    private static async Task<OAuthTokenEntity> UpdateRowAsync(TableClient table, string connectionId, string provider, Action<OAuthTokenEntity> change, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxConcurrencyRetries; attempt++)
        {
            var row = await ReadRowAsync(table, connectionId, provider, cancellationToken);
            try
            {
                if (row is null)
                {
                    row = NewRow(connectionId, provider);
                    change(row);
                    var added = await table.AddEntityAsync(row, cancellationToken);
                    row.ETag = added.Headers.ETag ?? default;
                }
                else
                {
                    change(row);
                    var updated = await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
                    row.ETag = updated.Headers.ETag ?? default;
                }

                return row;
            }
            catch (RequestFailedException ex) when (IsStatus(ex, HttpStatusCode.PreconditionFailed) || IsStatus(ex, HttpStatusCode.Conflict))
            {
                // Lost a race: re-read and apply the change again.
            }
        }

        throw new ConnectorException(provider, ErrorKind.Conflict, $"The token row of connection {connectionId} kept changing; try again.");
    }

    private async Task ReserveTokenRequestAsync(TableClient table, string accountKey, string provider, int quota, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var day = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        var partition = TableKeys.Compose("quota", provider.ToLowerInvariant(), accountKey);
        var rowKey = day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        for (var attempt = 0; attempt < MaxConcurrencyRetries; attempt++)
        {
            var existing = await table.GetEntityIfExistsAsync<OAuthQuotaEntity>(partition, rowKey, cancellationToken: cancellationToken);
            try
            {
                if (!existing.HasValue)
                {
                    await table.AddEntityAsync(new OAuthQuotaEntity { PartitionKey = partition, RowKey = rowKey, Count = 1 }, cancellationToken);
                    return;
                }

                var counter = existing.Value!;
                if (counter.Count >= quota)
                {
                    var retryAfter = day.AddDays(1) - now;
                    logger.TokenRequestQuotaExhausted(accountKey, provider, quota, retryAfter);
                    await AuditAsync(
                        new AuditRecord(accountKey, ClientCredentialsOperation, AuditOutcome.Skipped)
                        {
                            BusinessKey = provider,
                            ErrorKind = ErrorKind.RateLimited,
                            Detail = $"Daily token-request quota of {quota} used up; retry after {retryAfter}.",
                        },
                        cancellationToken);
                    throw new ConnectorRateLimitedException(provider, $"The daily token-request quota ({quota}) for account {accountKey} at {provider} is used up.", retryAfter, statusCode: null);
                }

                counter.Count++;
                await table.UpdateEntityAsync(counter, counter.ETag, TableUpdateMode.Replace, cancellationToken);
                return;
            }
            catch (RequestFailedException ex) when (IsStatus(ex, HttpStatusCode.PreconditionFailed) || IsStatus(ex, HttpStatusCode.Conflict))
            {
                // Another instance counted first: read the new count and try again.
            }
        }

        throw new ConnectorException(provider, ErrorKind.Transient, $"The token-request counter of account {accountKey} kept changing; try again.");
    }

    /// <summary>
    /// Requests a client_credentials token (the caller holds the account's gate): reuses a shared token unless it is the
    /// rejected one, otherwise spends one request of the daily quota, sends the merchant-id header, caches and audits.
    /// </summary>
    private async Task<string> RequestClientCredentialsTokenAsync(
        string accountKey,
        string provider,
        OAuthProviderOptions settings,
        string key,
        string? rejectedAccessToken,
        CancellationToken cancellationToken)
    {
        var sharedName = SecretName.For(accountKey, provider + "-cc-access-token");
        if (settings.ShareClientCredentialsTokens
            && await ReadSharedTokenAsync(sharedName, cancellationToken) is { } shared
            && !string.Equals(shared.Value, rejectedAccessToken, StringComparison.Ordinal))
        {
            _cache[key] = shared;
            if (TryGetCached(key, out var token))
            {
                return token;
            }
        }

        var table = await tables.GetTableAsync(tables.Names.Tokens, cancellationToken);
        await ReserveTokenRequestAsync(table, accountKey, provider, settings.DailyTokenRequestQuota, cancellationToken);

        var grant = new List<KeyValuePair<string, string>> { new("grant_type", "client_credentials") };
        if (settings.Scopes.Count > 0)
        {
            grant.Add(new("scope", string.Join(' ', settings.Scopes)));
        }

        if (!string.IsNullOrEmpty(settings.Audience))
        {
            grant.Add(new("audience", settings.Audience));
        }

        var headers = new List<KeyValuePair<string, string>>();
        if (!string.IsNullOrEmpty(settings.MerchantIdHeader)
            && await secrets.GetAsync(SecretName.For(accountKey, provider + "-merchant-id"), cancellationToken) is { Length: > 0 } merchantId)
        {
            headers.Add(new(settings.MerchantIdHeader, merchantId));
        }

        OAuthTokenResponse response;
        try
        {
            response = await _endpoint.RequestAsync(provider, settings, settings.TokenEndpoint!, grant, headers, cancellationToken);
        }
        catch (ConnectorException ex)
        {
            logger.ClientCredentialsTokenFailed(ex, accountKey, provider);
            await AuditAsync(new AuditRecord(accountKey, ClientCredentialsOperation, AuditOutcome.Failed) { BusinessKey = provider, ErrorKind = ex.Kind, Detail = ex.Message }, cancellationToken);
            throw;
        }

        var now = timeProvider.GetUtcNow();
        var expiresAt = ExpiresAt(now, response.ExpiresIn);
        if (response.ExpiresIn is null)
        {
            logger.TokenWithoutLifetime(provider, accountKey);
        }
        else
        {
            var cached = new CachedAccessToken(response.AccessToken!, expiresAt);
            _cache[key] = cached;
            if (settings.ShareClientCredentialsTokens)
            {
                var json = JsonSerializer.Serialize(new OAuthSharedToken { AccessToken = cached.Value, ExpiresAt = expiresAt }, OAuthJsonContext.Default.OAuthSharedToken);
                await secrets.SetAsync(sharedName, json, cancellationToken);
            }
        }

        logger.ClientCredentialsTokenIssued(accountKey, provider, expiresAt - _options.AccessTokenSkew);
        await AuditAsync(
            new AuditRecord(accountKey, ClientCredentialsOperation, AuditOutcome.Succeeded)
            {
                BusinessKey = provider,
                Detail = $"Token issued; expires {expiresAt:o}.",
            },
            cancellationToken);
        return response.AccessToken!;
    }

    private async Task<CachedAccessToken?> ReadSharedTokenAsync(string name, CancellationToken cancellationToken)
    {
        var json = await secrets.GetAsync(name, cancellationToken);
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            var shared = JsonSerializer.Deserialize(json, OAuthJsonContext.Default.OAuthSharedToken);
            return shared is { AccessToken.Length: > 0 } ? new CachedAccessToken(shared.AccessToken, shared.ExpiresAt) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private async Task WarnIfHardExpiryNearAsync(string connectionId, string provider, DateTimeOffset? hardExpiresAt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (hardExpiresAt is not { } hard || hard - now > _options.HardExpiryWarningWindow)
        {
            return;
        }

        var daysLeft = (int)Math.Max(0, Math.Floor((hard - now).TotalDays));
        logger.RefreshTokenHardExpiryApproaching(connectionId, provider, hard, daysLeft);
        await AuditAsync(
            new AuditRecord(connectionId, RefreshOperation, AuditOutcome.Succeeded)
            {
                BusinessKey = provider,
                Detail = $"Warning: the refresh token reaches its hard expiry at {hard:o} ({daysLeft} days left); the merchant must reconnect before then.",
            },
            cancellationToken);
    }

    private OAuthTokenHealth ToHealth(string connectionId, OAuthTokenEntity row, DateTimeOffset now)
    {
        OAuthTokenStatus status;
        if (row.NeedsReconsent)
        {
            status = OAuthTokenStatus.NeedsReconsent;
        }
        else if (row.LastRefreshedAt is null)
        {
            status = OAuthTokenStatus.NotConnected;
        }
        else if (row.RefreshTokenExpiresAt <= now || row.RefreshTokenHardExpiresAt <= now)
        {
            status = OAuthTokenStatus.RefreshTokenExpired;
        }
        else if (row.RefreshTokenHardExpiresAt is { } hard && hard - now <= _options.HardExpiryWarningWindow)
        {
            status = OAuthTokenStatus.HardExpiryApproaching;
        }
        else
        {
            status = OAuthTokenStatus.Healthy;
        }

        return new OAuthTokenHealth(connectionId, TableKeys.Unescape(row.RowKey), status)
        {
            AccessTokenExpiresAt = row.AccessTokenExpiresAt,
            RefreshTokenExpiresAt = row.RefreshTokenExpiresAt,
            RefreshTokenHardExpiresAt = row.RefreshTokenHardExpiresAt,
            LastRefreshedAt = row.LastRefreshedAt,
            RealmId = row.RealmId,
            ReconsentReason = row.ReconsentReason,
        };
    }

    private async Task AuditAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        try
        {
            await audit.WriteAsync(record, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The token work is done (or has failed for its own reason); a broken audit writer must not change that outcome.
            logger.AuditWriteFailed(ex, record.Operation, record.ConnectionId);
        }
    }
}
