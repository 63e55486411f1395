using Azure;
using Azure.Data.Tables;
using Microsoft.AspNetCore.WebUtilities;
using MlConnector.Core.Audit;
using MlConnector.Core.Errors;

namespace MlConnector.Core.Auth;

/// <summary>
/// The authorization-code flow (RFC 6749 §4.1): the consent URL with a one-time <c>state</c>, and the callback's code
/// exchanged for the first token pair, the refresh token stored before anything else.
/// </summary>
/// <param name="services">The Tokens table, endpoint, cache, secrets, audit, options, clock and logger.</param>
internal sealed class OAuthConsentService(OAuthTokenServices services)
{
    public static List<KeyValuePair<string, string>> RefreshHeaders(OAuthProviderOptions settings) =>
        settings.RequestRefreshTokenHardExpiry ? [new(OAuthTokenEndpoint.HardExpiryHeader, "true")] : [];

    public async Task<OAuthAuthorizationRequest> BeginAuthorizationAsync(string connectionId, string provider, OAuthProviderOptions settings, CancellationToken cancellationToken)
    {
        if (settings.AuthorizeEndpoint is null || settings.RedirectUri is null)
        {
            throw new InvalidOperationException($"OAuth:Providers:{provider} needs AuthorizeEndpoint and RedirectUri for the authorization-code flow.");
        }

        var (state, nonceHash) = OAuthState.Create(connectionId);
        var expiresAt = services.Time.GetUtcNow() + services.Options.StateLifetime;
        var table = await services.Rows.GetTableAsync(cancellationToken);
        await OAuthTokenRows.UpdateAsync(
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
        services.Logger.AuthorizationStarted(connectionId, provider, expiresAt);
        return new OAuthAuthorizationRequest(url, state, expiresAt);
    }

    public async Task<OAuthTokenHealth> ExchangeCodeAsync(
        string connectionId,
        string provider,
        OAuthProviderOptions settings,
        string code,
        string state,
        string? realmId,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        ArgumentException.ThrowIfNullOrWhiteSpace(state);
        if (settings.RedirectUri is null)
        {
            throw new InvalidOperationException($"OAuth:Providers:{provider} needs RedirectUri for the authorization-code flow.");
        }

        var table = await services.Rows.GetTableAsync(cancellationToken);
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
            response = await services.Endpoint.RequestAsync(provider, settings, settings.TokenEndpoint!, grant, RefreshHeaders(settings), cancellationToken);
        }
        catch (ConnectorException ex)
        {
            await services.Audit.WriteAsync(new AuditRecord(connectionId, OAuthTokenManager.ExchangeOperation, AuditOutcome.Failed) { BusinessKey = provider, ErrorKind = ex.Kind, Detail = ex.Message }, cancellationToken);
            throw;
        }

        if (string.IsNullOrEmpty(response.RefreshToken))
        {
            throw new ConnectorException(provider, ErrorKind.Unknown, $"The {provider} token endpoint returned no refresh token for the authorization code.");
        }

        var now = services.Time.GetUtcNow();
        var accessExpiresAt = OAuthTokenRows.ExpiresAt(now, response.ExpiresIn);

        // The refresh token first: it is the one that cannot be obtained again without the merchant.
        await services.Secrets.SetAsync(OAuthTokenRows.RefreshTokenName(connectionId, provider), response.RefreshToken, cancellationToken);
        await services.Secrets.SetAsync(OAuthTokenRows.AccessTokenName(connectionId, provider), response.AccessToken!, cancellationToken);

        var stored = await OAuthTokenRows.UpdateAsync(
            table,
            connectionId,
            provider,
            row =>
            {
                OAuthTokenRows.ApplyTokens(row, response, now, accessExpiresAt);
                row.RealmId = realmId ?? row.RealmId;
                row.ConsentedAt = now;
                row.NeedsReconsent = false;
                row.ReconsentReason = null;
                row.LeaseOwner = null;
                row.LeaseExpiresAt = null;
            },
            cancellationToken);

        services.Cache.Set(OAuthAccessTokenCache.Key(connectionId, provider), new CachedAccessToken(response.AccessToken!, accessExpiresAt));
        services.Logger.AuthorizationCodeExchanged(connectionId, provider, accessExpiresAt);
        await services.Audit.WriteAsync(
            new AuditRecord(connectionId, OAuthTokenManager.ExchangeOperation, AuditOutcome.Succeeded)
            {
                BusinessKey = provider,
                VendorReference = realmId,
                Detail = $"Connected; access token expires {accessExpiresAt:o}.",
            },
            cancellationToken);
        await services.Audit.WarnIfHardExpiryNearAsync(connectionId, provider, stored.RefreshTokenHardExpiresAt, now, cancellationToken);
        return services.Rows.ToHealth(connectionId, stored, now);
    }

    private async Task ConsumeStateAsync(TableClient table, string connectionId, string provider, string state, CancellationToken cancellationToken)
    {
        var row = await OAuthTokenRows.ReadAsync(table, connectionId, provider, cancellationToken);
        var now = services.Time.GetUtcNow();
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
            catch (RequestFailedException ex) when (OAuthTokenRows.IsStatus(ex, HttpStatusCode.PreconditionFailed))
            {
                reason = "the state was used concurrently";
            }
        }

        services.Logger.AuthorizationStateRejected(connectionId, provider, reason);
        await services.Audit.WriteAsync(new AuditRecord(connectionId, OAuthTokenManager.ExchangeOperation, AuditOutcome.Failed) { BusinessKey = provider, ErrorKind = ErrorKind.NeedsReconsent, Detail = "Authorization callback rejected: " + reason + "." }, cancellationToken);
        throw new ConnectorAuthException(provider, $"The authorization callback for connection {connectionId} was rejected: {reason}. Start the connection again.");
    }
}
