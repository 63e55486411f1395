using MlConnector.Core.Errors;

namespace MlConnector.Core.Failures;

/// <summary>
/// What a merchant expects after reconnecting: the work that failed only because consent had lapsed goes through without
/// anyone pressing replay. Run by the OAuth callback once a connection consented again (the code exchanged and the tokens
/// stored), it replays that connection's open failures whose kind is <see cref="ErrorKind.NeedsReconsent"/> through
/// <see cref="FailureTriage.ReplayAsync"/>, the path <c>POST /api/failures/replay</c> takes: each failure is replayed once,
/// a paused connection holds the replay until it resumes, and each replay writes a <c>failure.replay</c> audit row whose
/// detail names <see cref="Actor"/> and the provider.
/// </summary>
/// <remarks>
/// A failure of another kind (validation, a partner rejection) is left for a person: consent does not fix it. A
/// <see cref="ErrorKind.NeedsReconsent"/> failure of another provider of the same connection (FreshBooks and QBO tokens
/// are separate) fails the same way again when replayed, and stays visible.
/// </remarks>
/// <param name="triage">The failure queue.</param>
/// <param name="logger">The logger.</param>
public sealed class ReconsentFailureReplay(FailureTriage triage, ILogger<ReconsentFailureReplay> logger)
{
    /// <summary>Who the audit rows name as having asked for the replay.</summary>
    public const string Actor = "oauth-consent";

    /// <summary>Replays the connection's open <see cref="ErrorKind.NeedsReconsent"/> failures.</summary>
    /// <param name="connectionId">The connection that consented again.</param>
    /// <param name="provider">The provider it consented to (<c>qbo</c>, <c>freshbooks</c>), for the audit rows.</param>
    /// <param name="cancellationToken">Cancels the work; what was replayed stays replayed.</param>
    /// <returns>One result per failure replayed (empty when none waited for consent, or when the replay could not be done:
    /// the consent stands, the failures stay in the queue for a person, and a warning is logged).</returns>
    public async Task<IReadOnlyList<FailureReplayResult>> ReplayAsync(string connectionId, string provider, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionId);
        ArgumentException.ThrowIfNullOrEmpty(provider);
        try
        {
            return await ReplayWaitingAsync(connectionId, provider, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.ReplayAfterConsentFailed(connectionId, provider, ex);
            return [];
        }
    }

    private async Task<IReadOnlyList<FailureReplayResult>> ReplayWaitingAsync(string connectionId, string provider, CancellationToken cancellationToken)
    {
        var waiting = await triage.ListAsync(connectionId, nameof(ErrorKind.NeedsReconsent), cancellationToken: cancellationToken);
        if (waiting.Count == 0)
        {
            return [];
        }

        var results = await triage.ReplayAsync(waiting.Select(f => f.Id), $"{Actor} ({provider})", cancellationToken);
        var replayed = results.Count(r => r.Outcome is FailureReplayOutcome.Replayed or FailureReplayOutcome.Held);
        logger.ReplayedAfterConsent(connectionId, provider, replayed, results.Count);
        return results;
    }
}
