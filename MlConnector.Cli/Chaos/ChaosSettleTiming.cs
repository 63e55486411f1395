namespace MlConnector.Cli.Chaos;

/// <summary>
/// How long one settle of a chaos run took (the host finishing a phase's work after its last delivery), in all and per
/// integration, so a slow settle names the integration it waited on.
/// </summary>
/// <param name="What">What was settled: <c>phase 0</c>, <c>poison deliveries</c>, <c>replayed failures of rank 2</c>.</param>
/// <param name="Outcome">How the wait ended (<see cref="ChaosSettleOutcome"/>).</param>
/// <param name="Seconds">Seconds from the last delivery until the host had nothing left to do (or gave up).</param>
/// <param name="Integrations">
/// Per integration kind, seconds from the start of the settle until it had nothing outstanding (no workflow running or
/// pending on its connections, nothing it reports outstanding, no webhook delivery waiting in the shared intake) and kept
/// it so to the end; null when it never got there. Seen at the settle's looks, so up to one look (5–30 s) late.
/// </param>
internal sealed record ChaosSettleTiming(string What, ChaosSettleOutcome Outcome, double Seconds, IReadOnlyDictionary<string, double?> Integrations);
