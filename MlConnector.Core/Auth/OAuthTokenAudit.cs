using MlConnector.Core.Audit;

namespace MlConnector.Core.Auth;

/// <summary>
/// Writes the token services' audit rows (never a token value) without letting a broken audit writer change the outcome
/// of the token work, and the refresh token's hard-expiry warning.
/// </summary>
/// <param name="audit">The audit trail.</param>
/// <param name="options">The OAuth options (<see cref="OAuthOptions.HardExpiryWarningWindow"/>).</param>
/// <param name="logger">The logger.</param>
internal sealed class OAuthTokenAudit(IAuditTrail audit, OAuthOptions options, ILogger logger)
{
    public async Task WriteAsync(AuditRecord record, CancellationToken cancellationToken)
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

    /// <summary>Logs and audits a warning when the refresh token's hard expiry (UTC) falls inside the warning window.</summary>
    public async Task WarnIfHardExpiryNearAsync(string connectionId, string provider, DateTimeOffset? hardExpiresAt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (hardExpiresAt is not { } hard || hard - now > options.HardExpiryWarningWindow)
        {
            return;
        }

        var daysLeft = (int)Math.Max(0, Math.Floor((hard - now).TotalDays));
        logger.RefreshTokenHardExpiryApproaching(connectionId, provider, hard, daysLeft);
        await WriteAsync(
            new AuditRecord(connectionId, OAuthTokenManager.RefreshOperation, AuditOutcome.Succeeded)
            {
                BusinessKey = provider,
                Detail = $"Warning: the refresh token reaches its hard expiry at {hard:o} ({daysLeft} days left); the merchant must reconnect before then.",
            },
            cancellationToken);
    }
}
