using Azure;
using Azure.Data.Tables;
using MlConnector.Core.Audit;
using MlConnector.Core.Errors;
using MlConnector.Core.Secrets;
using MlConnector.Core.Storage;

namespace MlConnector.Core.Auth;

/// <summary>
/// Requests client_credentials tokens (RFC 6749 §4.4; UPS, SPS Commerce) within the provider's daily token-request quota,
/// counted per account in the Tokens table, optionally sharing the token between instances through the secret store;
/// the caller holds the account's in-memory gate (<see cref="OAuthAccessTokenCache"/>).
/// </summary>
/// <param name="services">The Tokens table, endpoint, cache, secrets, audit, options, clock and logger.</param>
internal sealed class OAuthClientCredentialsService(OAuthTokenServices services)
{
    private const int MaxConcurrencyRetries = 20;

    /// <summary>
    /// Reuses a shared token unless it is the rejected one, otherwise spends one request of the daily quota, sends the
    /// merchant-id header, caches and audits.
    /// </summary>
    /// <exception cref="ConnectorRateLimitedException">The daily quota is used up (retry after the next UTC midnight).</exception>
    /// <exception cref="ConnectorException">The token endpoint failed.</exception>
    public async Task<string> RequestAsync(
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
            services.Cache.Set(key, shared);
            if (services.Cache.TryGet(key, out var token))
            {
                return token;
            }
        }

        var table = await services.Rows.GetTableAsync(cancellationToken);
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
            && await services.Secrets.GetAsync(SecretName.For(accountKey, provider + "-merchant-id"), cancellationToken) is { Length: > 0 } merchantId)
        {
            headers.Add(new(settings.MerchantIdHeader, merchantId));
        }

        OAuthTokenResponse response;
        try
        {
            response = await services.Endpoint.RequestAsync(provider, settings, settings.TokenEndpoint!, grant, headers, cancellationToken);
        }
        catch (ConnectorException ex)
        {
            services.Logger.ClientCredentialsTokenFailed(ex, accountKey, provider);
            await services.Audit.WriteAsync(new AuditRecord(accountKey, OAuthTokenManager.ClientCredentialsOperation, AuditOutcome.Failed) { BusinessKey = provider, ErrorKind = ex.Kind, Detail = ex.Message }, cancellationToken);
            throw;
        }

        var now = services.Time.GetUtcNow();
        var expiresAt = OAuthTokenRows.ExpiresAt(now, response.ExpiresIn);
        if (response.ExpiresIn is null)
        {
            services.Logger.TokenWithoutLifetime(provider, accountKey);
        }
        else
        {
            var cached = new CachedAccessToken(response.AccessToken!, expiresAt);
            services.Cache.Set(key, cached);
            if (settings.ShareClientCredentialsTokens)
            {
                var json = JsonSerializer.Serialize(new OAuthSharedToken { AccessToken = cached.Value, ExpiresAt = expiresAt }, OAuthJsonContext.Default.OAuthSharedToken);
                await services.Secrets.SetAsync(sharedName, json, cancellationToken);
            }
        }

        services.Logger.ClientCredentialsTokenIssued(accountKey, provider, expiresAt - services.Options.AccessTokenSkew);
        await services.Audit.WriteAsync(
            new AuditRecord(accountKey, OAuthTokenManager.ClientCredentialsOperation, AuditOutcome.Succeeded)
            {
                BusinessKey = provider,
                Detail = $"Token issued; expires {expiresAt:o}.",
            },
            cancellationToken);
        return response.AccessToken!;
    }

    private async Task ReserveTokenRequestAsync(TableClient table, string accountKey, string provider, int quota, CancellationToken cancellationToken)
    {
        var now = services.Time.GetUtcNow();
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
                    services.Logger.TokenRequestQuotaExhausted(accountKey, provider, quota, retryAfter);
                    await services.Audit.WriteAsync(
                        new AuditRecord(accountKey, OAuthTokenManager.ClientCredentialsOperation, AuditOutcome.Skipped)
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
            catch (RequestFailedException ex) when (OAuthTokenRows.IsStatus(ex, HttpStatusCode.PreconditionFailed) || OAuthTokenRows.IsStatus(ex, HttpStatusCode.Conflict))
            {
                // Another instance counted first: read the new count and try again.
            }
        }

        throw new ConnectorException(provider, ErrorKind.Transient, $"The token-request counter of account {accountKey} kept changing; try again.");
    }

    private async Task<CachedAccessToken?> ReadSharedTokenAsync(string name, CancellationToken cancellationToken)
    {
        var json = await services.Secrets.GetAsync(name, cancellationToken);
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
}
