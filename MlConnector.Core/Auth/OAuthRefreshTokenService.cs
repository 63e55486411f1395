using Azure;
using Azure.Data.Tables;
using MlConnector.Core.Audit;
using MlConnector.Core.Errors;

namespace MlConnector.Core.Auth;

/// <summary>
/// Obtains a connection's access token from the refresh token (RFC 6749 §6) under a cross-instance lease on its token row;
/// the caller holds the key's in-memory gate (<see cref="OAuthAccessTokenCache"/>).
/// </summary>
/// <remarks>
/// An instance that finds another's unexpired lease waits (polling every <see cref="OAuthOptions.RefreshLeasePollInterval"/>)
/// and then reads the token the winner stored. The winner stores a rotated refresh token before the access token, before
/// updating the row and before returning: Intuit and FreshBooks rotate refresh tokens and the old value stops working
/// (PROTOCOL-NOTES §2, §4). A refusal (<c>invalid_grant</c>, HTTP 400/401/403) marks the connection as needing reconsent.
/// </remarks>
/// <param name="services">The Tokens table, endpoint, cache, secrets, audit, options, clock and logger.</param>
internal sealed class OAuthRefreshTokenService(OAuthTokenServices services)
{
    private readonly string _instanceId = Guid.NewGuid().ToString("N");

    /// <summary>The stored access token when still valid and not the rejected one, else a refreshed one.</summary>
    /// <exception cref="ConnectorAuthException">Not authorized yet, reconsent needed, or the refresh was refused.</exception>
    public async Task<string> AcquireAsync(
        string connectionId,
        string provider,
        OAuthProviderOptions settings,
        string key,
        string? rejectedAccessToken,
        CancellationToken cancellationToken)
    {
        var table = await services.Rows.GetTableAsync(cancellationToken);
        while (true)
        {
            var row = await OAuthTokenRows.ReadAsync(table, connectionId, provider, cancellationToken);
            if (row is null || row.LastRefreshedAt is null)
            {
                throw new ConnectorAuthException(provider, $"Connection {connectionId} has not been authorized at {provider}.");
            }

            if (row.NeedsReconsent)
            {
                throw new ConnectorAuthException(provider, $"Connection {connectionId} must be reconnected at {provider} ({row.ReconsentReason ?? "refused"}).", vendorErrorCode: row.ReconsentReason);
            }

            var now = services.Time.GetUtcNow();
            if (row.AccessTokenExpiresAt is { } expiresAt && now < expiresAt - services.Options.AccessTokenSkew
                && await services.Secrets.GetAsync(OAuthTokenRows.AccessTokenName(connectionId, provider), cancellationToken) is { Length: > 0 } stored
                && !string.Equals(stored, rejectedAccessToken, StringComparison.Ordinal))
            {
                // Another instance (or an earlier run of this one) already refreshed.
                services.Cache.Set(key, new CachedAccessToken(stored, expiresAt));
                return stored;
            }

            if (row.LeaseOwner is not null && row.LeaseOwner != _instanceId && row.LeaseExpiresAt is { } leaseEnd && leaseEnd > now)
            {
                services.Logger.RefreshLeaseHeld(connectionId, provider, leaseEnd);
                await Task.Delay(services.Options.RefreshLeasePollInterval, services.Time, cancellationToken);
                continue;
            }

            row.LeaseOwner = _instanceId;
            row.LeaseExpiresAt = now + services.Options.RefreshLeaseDuration;
            ETag leaseTag;
            try
            {
                var response = await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
                leaseTag = response.Headers.ETag ?? throw new InvalidOperationException("Table storage returned no ETag for the lease update.");
            }
            catch (RequestFailedException ex) when (OAuthTokenRows.IsStatus(ex, HttpStatusCode.PreconditionFailed))
            {
                continue; // Someone else changed the row first: look again.
            }

            row.ETag = leaseTag;
            return await RefreshUnderLeaseAsync(table, row, connectionId, provider, settings, key, cancellationToken);
        }
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
        catch (RequestFailedException ex) when (OAuthTokenRows.IsStatus(ex, HttpStatusCode.PreconditionFailed))
        {
            // The row changed under us (a new consent landed, or our lease lapsed): the refusal may concern a token
            // that is no longer current, so do not mark the connection.
            throw new ConnectorException(provider, ErrorKind.Transient, "The token row changed during the refresh; try again.", innerException: ex);
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
        var refreshName = OAuthTokenRows.RefreshTokenName(connectionId, provider);
        OAuthTokenResponse response;
        try
        {
            var refreshToken = await services.Secrets.GetAsync(refreshName, cancellationToken)
                ?? throw new ConnectorAuthException(provider, $"Connection {connectionId} has no refresh token for {provider}.", vendorErrorCode: "refresh_token_missing");
            var grant = new List<KeyValuePair<string, string>>
            {
                new("grant_type", "refresh_token"),
                new("refresh_token", refreshToken),
            };
            response = await services.Endpoint.RequestAsync(provider, settings, settings.RefreshEndpoint ?? settings.TokenEndpoint!, grant, OAuthConsentService.RefreshHeaders(settings), cancellationToken);
        }
        catch (ConnectorAuthException ex)
        {
            await MarkReconsentAsync(table, row, provider, ex.VendorErrorCode ?? "refused", cancellationToken);
            services.Logger.ReconsentRequired(ex, connectionId, provider, (int?)ex.StatusCode, ex.VendorErrorCode);
            await services.Audit.WriteAsync(new AuditRecord(connectionId, OAuthTokenManager.RefreshOperation, AuditOutcome.Failed) { BusinessKey = provider, ErrorKind = ex.Kind, Detail = ex.Message }, cancellationToken);
            throw;
        }
        catch (Exception ex) when (ex is ConnectorException or RequestFailedException or OperationCanceledException)
        {
            if (ex is not OperationCanceledException)
            {
                services.Logger.TokenRefreshFailed(ex, connectionId, provider);
            }

            await OAuthTokenRows.ReleaseLeaseAsync(table, row);
            await services.Audit.WriteAsync(
                new AuditRecord(connectionId, OAuthTokenManager.RefreshOperation, AuditOutcome.Failed)
                {
                    BusinessKey = provider,
                    ErrorKind = (ex as ConnectorException)?.Kind ?? ErrorKind.Transient,
                    Detail = ex.Message,
                },
                CancellationToken.None);
            throw;
        }

        var now = services.Time.GetUtcNow();
        var accessExpiresAt = OAuthTokenRows.ExpiresAt(now, response.ExpiresIn);
        var rotated = !string.IsNullOrEmpty(response.RefreshToken);

        // Order matters: the rotated refresh token is durable before the new access token is stored, the row updated or
        // the token returned. If the process dies after this line, the next refresh uses the new refresh token.
        try
        {
            if (rotated)
            {
                await services.Secrets.SetAsync(refreshName, response.RefreshToken!, cancellationToken);
            }

            await services.Secrets.SetAsync(OAuthTokenRows.AccessTokenName(connectionId, provider), response.AccessToken!, cancellationToken);
        }
        catch
        {
            // Nothing is returned or cached: a token whose rotated refresh token is not durable must not be used.
            await OAuthTokenRows.ReleaseLeaseAsync(table, row);
            throw;
        }

        OAuthTokenRows.ApplyTokens(row, response, now, accessExpiresAt);
        row.LeaseOwner = null;
        row.LeaseExpiresAt = null;
        try
        {
            await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
        }
        catch (RequestFailedException ex) when (OAuthTokenRows.IsStatus(ex, HttpStatusCode.PreconditionFailed))
        {
            // Our lease lapsed and another instance took the row. The tokens in the secret store are ours and valid;
            // the row still shows the old expiry, so the next caller refreshes with the stored refresh token.
            services.Logger.RefreshLeaseLost(connectionId, provider);
        }

        services.Cache.Set(key, new CachedAccessToken(response.AccessToken!, accessExpiresAt));
        services.Logger.AccessTokenRefreshed(connectionId, provider, accessExpiresAt, rotated);
        await services.Audit.WriteAsync(
            new AuditRecord(connectionId, OAuthTokenManager.RefreshOperation, AuditOutcome.Succeeded)
            {
                BusinessKey = provider,
                Detail = $"Access token refreshed; expires {accessExpiresAt:o}; refresh token rotated: {(rotated ? "yes" : "no")}.",
            },
            cancellationToken);
        await services.Audit.WarnIfHardExpiryNearAsync(connectionId, provider, row.RefreshTokenHardExpiresAt, now, cancellationToken);
        return response.AccessToken!;
    }
}
