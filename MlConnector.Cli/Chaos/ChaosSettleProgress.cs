namespace MlConnector.Cli.Chaos;

/// <summary>
/// What one settle waits on, per integration: fed every look of <see cref="ChaosHost.WaitUntilSettledAsync"/>, it writes a
/// progress line about every <see cref="ReportInterval"/> (each integration's workflows running, by name, and pending, and
/// what it reports outstanding itself, beside the shared intake's waiting deliveries) and keeps, per integration, since
/// when it has had nothing outstanding, running, pending or held (<see cref="Finish"/>).
/// </summary>
/// <param name="what">What is settled (<c>phase 0</c>), for the lines and <see cref="ChaosSettleTiming.What"/>.</param>
/// <param name="integrations">Each integration kind with its connections and what its own outstanding count means.</param>
/// <param name="start">When the settle started (the last delivery made).</param>
/// <param name="step">Where progress lines go (stderr in the command).</param>
internal sealed class ChaosSettleProgress(
    string what,
    IReadOnlyList<(string Integration, IReadOnlyList<string> Connections, string OutstandingKind)> integrations,
    DateTimeOffset start,
    Action<string> step)
{
    /// <summary>How often a progress line is written (when a look lists both running and pending workflows).</summary>
    public static TimeSpan ReportInterval { get; } = TimeSpan.FromSeconds(30);

    private readonly Dictionary<string, DateTimeOffset?> _idleSince = integrations.ToDictionary(i => i.Integration, _ => (DateTimeOffset?)null, StringComparer.Ordinal);
    private readonly DateTimeOffset _start = start;
    private DateTimeOffset _lastReport = start;

    /// <summary>Every connection of every integration (what the listings are filtered to).</summary>
    public IReadOnlySet<string> Connections { get; } = integrations.SelectMany(i => i.Connections).ToHashSet(StringComparer.Ordinal);

    /// <summary>True when a progress line is due at <paramref name="now"/>: the next look should list running and pending workflows.</summary>
    public bool ReportDue(DateTimeOffset now) => now - _lastReport >= ReportInterval;

    /// <summary>
    /// Takes one look. Per-integration idle times change only on a look that listed both running and pending workflows
    /// (others cannot tell), and an integration becomes idle only on such a look that also asked for its held work (starts
    /// waiting for its connections' running limit, which no listing shows); a progress line is written when one is due and
    /// such a look came.
    /// </summary>
    /// <param name="now">When the look was taken.</param>
    /// <param name="intakePending">Webhook deliveries waiting in the shared intake (not attributable to a connection).</param>
    /// <param name="outstanding">What each integration reports outstanding (<see cref="IChaosIntegration.OutstandingAsync"/>), by kind.</param>
    /// <param name="running">The running workflows on <see cref="Connections"/>, or null when not listed.</param>
    /// <param name="pending">The pending workflows on <see cref="Connections"/>, or null when not listed.</param>
    /// <param name="held">The held work by connection (each one's health <c>heldWork</c>), or null when not asked.</param>
    public void Observe(DateTimeOffset now, int intakePending, IReadOnlyDictionary<string, int> outstanding, IReadOnlyList<ChaosWorkflowSeen>? running, IReadOnlyList<ChaosWorkflowSeen>? pending, IReadOnlyDictionary<string, int>? held = null)
    {
        ArgumentNullException.ThrowIfNull(outstanding);
        if (running is null || pending is null)
        {
            // Without the listings only a report of outstanding work can end an integration's idle time.
            foreach (var (integration, _, _) in integrations.Where(i => outstanding.GetValueOrDefault(i.Integration) > 0 || intakePending > 0))
            {
                _idleSince[integration] = null;
            }

            return;
        }

        var parts = new List<string>();
        foreach (var (integration, connections, outstandingKind) in integrations)
        {
            var mine = running.Where(w => connections.Contains(w.ConnectionId, StringComparer.Ordinal)).ToList();
            var waiting = pending.Count(w => connections.Contains(w.ConnectionId, StringComparer.Ordinal));
            var reported = outstanding.GetValueOrDefault(integration);
            var heldHere = held is null ? 0 : connections.Sum(c => held.GetValueOrDefault(c));
            if (mine.Count + waiting + reported + intakePending + heldHere > 0)
            {
                _idleSince[integration] = null;
            }
            else if (held is not null)
            {
                _idleSince[integration] ??= now;
            }

            parts.Add(_idleSince[integration] is { } idle
                ? $"{integration} done at {Seconds(idle)} s"
                : $"{integration} {mine.Count} running{ByName(mine)}, {waiting} pending" + (heldHere > 0 ? $", {heldHere} held" : string.Empty) + (reported > 0 ? $", {reported} {outstandingKind}" : string.Empty));
        }

        if (ReportDue(now))
        {
            _lastReport = now;
            step($"Settling the {what}, {Seconds(now)} s: {intakePending} deliveries waiting in the intake; {string.Join("; ", parts)}");
        }
    }

    /// <summary>The settle's timing: in all until <paramref name="now"/>, and per integration since when it has been idle.</summary>
    public ChaosSettleTiming Finish(DateTimeOffset now, ChaosSettleOutcome outcome) =>
        new(what, outcome, Seconds(now), integrations.ToDictionary(i => i.Integration, i => _idleSince[i.Integration] is { } idle ? Seconds(idle) : (double?)null, StringComparer.Ordinal));

    /// <summary>The running workflows by name, most first (three names at most): <c> (UpsShipmentWorkflow 12, …)</c>.</summary>
    private static string ByName(List<ChaosWorkflowSeen> running) => running.Count == 0
        ? string.Empty
        : " (" + string.Join(", ", running.GroupBy(w => w.Name, StringComparer.Ordinal).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Take(3).Select(g => $"{g.Key} {g.Count()}")) + ")";

    private double Seconds(DateTimeOffset at) => Math.Round(Math.Max(0, (at - _start).TotalSeconds), 1);
}
