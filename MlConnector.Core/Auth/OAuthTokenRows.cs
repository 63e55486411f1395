using Azure;
using Azure.Data.Tables;
using MlConnector.Core.Errors;
using MlConnector.Core.Secrets;
using MlConnector.Core.Storage;

namespace MlConnector.Core.Auth;

/// <summary>
/// The Tokens table: one <see cref="OAuthTokenEntity"/> per connection (partition) and provider (row) holding expiries,
/// the refresh lease, the pending consent state and the reconsent flag — never a token value (those live in the secret
/// store under <see cref="RefreshTokenName"/> and <see cref="AccessTokenName"/>).
/// </summary>
/// <param name="tables">The table provider.</param>
/// <param name="options">The OAuth options (the hard-expiry warning window for health).</param>
internal sealed class OAuthTokenRows(TableProvider tables, OAuthOptions options)
{
    private const int MaxConcurrencyRetries = 20;

    public static string RefreshTokenName(string connectionId, string provider) => SecretName.For(connectionId, provider + "-refresh-token");

    public static string AccessTokenName(string connectionId, string provider) => SecretName.For(connectionId, provider + "-access-token");

    public static DateTimeOffset ExpiresAt(DateTimeOffset now, long? seconds) => now + TimeSpan.FromSeconds(Math.Max(0, seconds ?? 0));

    public static bool IsStatus(RequestFailedException ex, HttpStatusCode status) => ex.Status == (int)status;

    /// <summary>Records a token response on the row: expiries (UTC) from the lifetimes in seconds, refresh time and version.</summary>
    public static void ApplyTokens(OAuthTokenEntity row, OAuthTokenResponse response, DateTimeOffset now, DateTimeOffset accessExpiresAt)
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

    public Task<TableClient> GetTableAsync(CancellationToken cancellationToken) => tables.GetTableAsync(tables.Names.Tokens, cancellationToken);

    public static Task<OAuthTokenEntity?> ReadAsync(TableClient table, string connectionId, string provider, CancellationToken cancellationToken)
    {
        var row = NewRow(connectionId, provider);
        return table.GetEntityOrNullAsync<OAuthTokenEntity>(row.PartitionKey, row.RowKey, cancellationToken: cancellationToken);
    }

    /// <summary>Reads (or creates) the row and applies <paramref name="change"/> with an ETag check, again on a lost race.</summary>
    /// <exception cref="ConnectorException">Kind Conflict when the row kept changing.</exception>
    public static async Task<OAuthTokenEntity> UpdateAsync(TableClient table, string connectionId, string provider, Action<OAuthTokenEntity> change, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxConcurrencyRetries; attempt++)
        {
            var row = await ReadAsync(table, connectionId, provider, cancellationToken);
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

    /// <summary>Clears the refresh lease so other instances can refresh now rather than at lease expiry; best effort.</summary>
    public static async Task ReleaseLeaseAsync(TableClient table, OAuthTokenEntity row)
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

    /// <summary>The health of every provider token of a connection.</summary>
    public async Task<IReadOnlyList<OAuthTokenHealth>> GetHealthAsync(string connectionId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var table = await GetTableAsync(cancellationToken);
        var partition = TableKeys.Escape(connectionId);
        var result = new List<OAuthTokenHealth>();
        await foreach (var row in table.QueryAsync<OAuthTokenEntity>(e => e.PartitionKey == partition, cancellationToken: cancellationToken))
        {
            result.Add(ToHealth(connectionId, row, now));
        }

        return result;
    }

    public OAuthTokenHealth ToHealth(string connectionId, OAuthTokenEntity row, DateTimeOffset now)
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
        else if (row.RefreshTokenHardExpiresAt is { } hard && hard - now <= options.HardExpiryWarningWindow)
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
            ConsentedAt = row.ConsentedAt,
            RealmId = row.RealmId,
            ReconsentReason = row.ReconsentReason,
        };
    }

    private static OAuthTokenEntity NewRow(string connectionId, string provider) =>
        new() { PartitionKey = TableKeys.Escape(connectionId), RowKey = TableKeys.Escape(provider.ToLowerInvariant()) };
}
