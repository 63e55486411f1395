using MlConnector.Core.Auth;
using MlConnector.Core.Connections;
using MlConnector.Core.Errors;
using MlConnector.Core.Workflows;

namespace MlConnector.Core.Failures;

/// <summary>
/// What a merchant expects after reconnecting: the work that failed only because consent had lapsed goes through without
/// anyone pressing replay, whenever its failure is recorded. A connection's open failures whose kind is
/// <see cref="ErrorKind.NeedsReconsent"/> and whose workflow instance started before the provider's latest consent
/// (<see cref="OAuthTokenHealth.ConsentedAt"/>) are replayed through <see cref="FailureTriage.ReplayAsync"/>, the path
/// <c>POST /api/failures/replay</c> takes: each failure is replayed once, a paused connection holds the replay until it
/// resumes, and each replay writes a <c>failure.replay</c> audit row whose detail names <see cref="Actor"/> and the
/// provider. Oldest failure first, so an order's failure is replayed before those of the shipments parked behind it.
/// </summary>
/// <remarks>
/// <para>
/// Two passes find them. The OAuth callback runs <see cref="ReplayAsync"/> once the code is exchanged and the tokens are
/// stored. A failure can be recorded after that pass although its cause came before the consent: an activity whose refresh
/// was refused seconds before the merchant reconsented reports its failure to the engine, which marks the instance failed
/// a moment (or, after a killed host, minutes) later. <see cref="ReconsentReplayJob"/> (<c>Schedules:ReconsentReplay</c>)
/// runs <see cref="SweepAsync"/>, which repeats the pass for every consent younger than <see cref="SweepWindow"/>. The rule
/// is the same in both passes and needs no ordering between the failure and the consent: an instance started before the
/// consent and failed for consent is replayed, once (the replay is a new instance, started after the consent, so a replay
/// that fails for consent again stays for a person and is never replayed in a loop). A pass cut short by a kill is
/// finished by the next one; two hosts sweeping at once replay each failure once (deterministic replay ids).
/// </para>
/// <para>
/// A failure of another kind (validation, a partner rejection) is left for a person: consent does not fix it. A
/// <see cref="ErrorKind.NeedsReconsent"/> failure of another provider of the same connection (FreshBooks and QBO tokens
/// are separate) fails the same way again when replayed, and stays visible.
/// </para>
/// </remarks>
/// <param name="triage">The failure queue.</param>
/// <param name="workflows">Reads when a failed instance started.</param>
/// <param name="connections">The connections the sweep visits.</param>
/// <param name="tokens">The consents (<see cref="IOAuthTokenManager.GetTokenHealthAsync"/>).</param>
/// <param name="timeProvider">The clock (the sweep window).</param>
/// <param name="logger">The logger.</param>
public sealed class ReconsentFailureReplay(
    FailureTriage triage,
    IWorkflowClient workflows,
    IConnectionStore connections,
    IOAuthTokenManager tokens,
    TimeProvider timeProvider,
    ILogger<ReconsentFailureReplay> logger)
{
    /// <summary>Who the audit rows name as having asked for the replay.</summary>
    public const string Actor = "oauth-consent";

    /// <summary>
    /// How long after a consent the sweep still looks for failures it should replay: a failure reaches the engine seconds
    /// after its activity gave up, minutes when the host was killed and another took the work over.
    /// </summary>
    public static readonly TimeSpan SweepWindow = TimeSpan.FromHours(1);

    /// <summary>How many replays a pass starts between two looks at its budget.</summary>
    public const int CallbackChunk = 10;

    /// <summary>Replays the connection's open <see cref="ErrorKind.NeedsReconsent"/> failures started before its consent to <paramref name="provider"/>.</summary>
    /// <param name="connectionId">The connection that consented again.</param>
    /// <param name="provider">The provider it consented to (<c>qbo</c>, <c>freshbooks</c>), for the audit rows.</param>
    /// <param name="cancellationToken">Cancels the work; what was replayed stays replayed.</param>
    /// <returns>One result per failure replayed (empty when none waited for consent, or when the replay could not be done:
    /// the consent stands, the failures stay in the queue for the next sweep or a person, and a warning is logged).</returns>
    public async Task<IReadOnlyList<FailureReplayResult>> ReplayAsync(string connectionId, string provider, CancellationToken cancellationToken = default) =>
        (await ReplayWithinAsync(connectionId, provider, Timeout.InfiniteTimeSpan, cancellationToken)).Results;

    /// <summary>
    /// The consent callback's pass: as <see cref="ReplayAsync"/>, but stops starting replays once <paramref name="budget"/>
    /// has passed (checked between failures and between chunks of <see cref="CallbackChunk"/> replays), so the merchant's
    /// browser gets its answer; the failures it did not reach stay open and the <see cref="SweepAsync"/> schedule replays
    /// them (each failure once: replay ids are deterministic).
    /// </summary>
    /// <param name="connectionId">The connection that consented again.</param>
    /// <param name="provider">The provider it consented to.</param>
    /// <param name="budget">How long to keep starting replays (<see cref="Timeout.InfiniteTimeSpan"/>: until done; zero: none).</param>
    /// <param name="cancellationToken">Cancels the work; what was replayed stays replayed.</param>
    /// <returns>The replays started, and whether every failure that waited for consent was reached.</returns>
    public async Task<ReconsentReplayPass> ReplayWithinAsync(string connectionId, string provider, TimeSpan budget, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionId);
        ArgumentException.ThrowIfNullOrEmpty(provider);
        DateTimeOffset? deadline = budget == Timeout.InfiniteTimeSpan ? null : timeProvider.GetUtcNow() + budget;
        try
        {
            var consent = (await tokens.GetTokenHealthAsync(connectionId, cancellationToken)).FirstOrDefault(t => t.Provider == provider);
            var pass = await ReplayWaitingAsync(connectionId, provider, consent?.ConsentedAt ?? timeProvider.GetUtcNow(), deadline, cancellationToken);
            if (!pass.Complete)
            {
                var started = Started(pass.Results);
                logger.ReplayAfterConsentDeferred(connectionId, provider, budget, started);
            }

            return pass;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.ReplayAfterConsentFailed(connectionId, provider, ex);
            return new ReconsentReplayPass([], Complete: false);
        }
    }

    /// <summary>
    /// The safety net under the callback's pass: for every connection (paused ones too: their replays are held) and every
    /// provider it consented to within <see cref="SweepWindow"/>, replays the open <see cref="ErrorKind.NeedsReconsent"/>
    /// failures started before that consent. One connection's error is logged and the sweep goes on.
    /// </summary>
    /// <param name="cancellationToken">Cancels the sweep; what was replayed stays replayed.</param>
    /// <returns>How many failures were replayed (or held for a paused connection).</returns>
    public async Task<int> SweepAsync(CancellationToken cancellationToken = default)
    {
        var since = timeProvider.GetUtcNow() - SweepWindow;
        var replayed = 0;
        foreach (var connection in await connections.ListAsync(cancellationToken: cancellationToken))
        {
            var consents = (await tokens.GetTokenHealthAsync(connection.Id, cancellationToken))
                .Where(t => t.ConsentedAt >= since && t.Status != OAuthTokenStatus.NeedsReconsent)
                .OrderBy(t => t.ConsentedAt);
            foreach (var consent in consents)
            {
                try
                {
                    replayed += Started((await ReplayWaitingAsync(connection.Id, consent.Provider, consent.ConsentedAt!.Value, deadline: null, cancellationToken)).Results);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.ReplayAfterConsentFailed(connection.Id, consent.Provider, ex);
                }
            }
        }

        return replayed;
    }

    private static int Started(IReadOnlyList<FailureReplayResult> results) =>
        results.Count(r => r.Outcome is FailureReplayOutcome.Replayed or FailureReplayOutcome.Held);

    private async Task<ReconsentReplayPass> ReplayWaitingAsync(string connectionId, string provider, DateTimeOffset consentedAt, DateTimeOffset? deadline, CancellationToken cancellationToken)
    {
        var open = await triage.ListAsync(connectionId, nameof(ErrorKind.NeedsReconsent), cancellationToken: cancellationToken);
        var waiting = new List<FailureRecord>();
        var complete = true;
        foreach (var failure in open.OrderBy(f => f.FailedAt))
        {
            if (deadline is { } stop && timeProvider.GetUtcNow() >= stop)
            {
                complete = false;
                break;
            }

            // Started after the consent: its refusal is not the one this consent answers (and a replay the consent started
            // that failed again must not be replayed again).
            if (await workflows.GetStatusAsync(failure.Id, cancellationToken) is { } status && status.CreatedUtc < consentedAt)
            {
                waiting.Add(failure);
            }
        }

        var results = new List<FailureReplayResult>();
        foreach (var chunk in waiting.Chunk(CallbackChunk))
        {
            if (deadline is { } stop && timeProvider.GetUtcNow() >= stop)
            {
                complete = false;
                break;
            }

            results.AddRange(await triage.ReplayAsync(chunk.Select(f => f.Id), $"{Actor} ({provider})", cancellationToken));
        }

        if (results.Count > 0)
        {
            var started = Started(results);
            logger.ReplayedAfterConsent(connectionId, provider, started, results.Count);
        }

        return new ReconsentReplayPass(results, complete);
    }
}
