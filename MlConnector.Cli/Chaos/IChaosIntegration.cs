using MlConnector.Cli.Demo;
using MlConnector.Sandbox;

namespace MlConnector.Cli.Chaos;

/// <summary>
/// One integration under chaos (one implementation per integration, in its own file): how it is set up on the demo
/// sandbox, which source records it creates in the vendor's system and how the host hears of them, which faults its own
/// simulators inject, and how every source record is reconciled with the target system at the end.
/// </summary>
/// <remarks>
/// The run (<see cref="ChaosRun"/>) calls, in this order: <see cref="SetUpAsync"/> on the in-process demo host (before it
/// stops and the <c>mlconnector serve</c> child takes over its port and storage); then, for each phase from 0 to
/// <see cref="PhaseCount"/> − 1, <see cref="PlanPhaseAsync"/>, with every integration's deliveries of that phase mixed and
/// made a few at a time (<see cref="ChaosOptions.DeliveryConcurrency"/>) while the host is killed at random moments; then it waits until every <see cref="Connections"/> has no
/// webhook delivery waiting and no workflow pending or running, and <see cref="OutstandingAsync"/> is 0. After the last
/// phase it reconciles (<see cref="Reconcile"/>) with the faults still on, calls <see cref="DisableFaults"/>, replays the
/// open failures in <see cref="ReplayRank"/> order, and reconciles again. Simulators an integration starts itself live in
/// the chaos process, so they outlive every kill of the host.
/// </remarks>
internal interface IChaosIntegration : IAsyncDisposable
{
    /// <summary>The integration kind, for example <c>shipstation-qbo</c> (<c>IntegrationKinds</c>).</summary>
    string Integration { get; }

    /// <summary>The connections the records run on; the run waits for these to settle and lists their failures.</summary>
    IReadOnlyList<string> Connections { get; }

    /// <summary>Source records driven so far (the denominator of the reconciliation).</summary>
    int Records { get; }

    /// <summary>How many delivery phases the integration has (orders then shipments: 2).</summary>
    int PhaseCount { get; }

    /// <summary>
    /// Settings the <c>mlconnector serve</c> child needs beyond the demo sandbox's (OAuth providers, vendor base
    /// addresses, schedules); read after <see cref="SetUpAsync"/>.
    /// </summary>
    IReadOnlyDictionary<string, string?> HostSettings { get; }

    /// <summary>
    /// Creates the integration's connections, secrets, consents and webhook registrations through the in-process demo
    /// host, and starts any simulator of its own. <paramref name="records"/> is this integration's share of the run.
    /// </summary>
    Task SetUpAsync(DemoSandbox sandbox, int records, CancellationToken cancellationToken);

    /// <summary>
    /// Creates phase <paramref name="phase"/>'s source records in the vendor's system and returns the deliveries that tell
    /// the host about them (webhooks repeated one to three times and shuffled; a Web Connector session; a poll trigger).
    /// A delivery is repeated by the run until the host answers 2xx, as vendors retry.
    /// </summary>
    Task<IReadOnlyList<ChaosDelivery>> PlanPhaseAsync(int phase, ChaosHost host, CancellationToken cancellationToken);

    /// <summary>Source records of the phases so far the host has not picked up yet (poll-driven integrations); 0 when none.</summary>
    ValueTask<int> OutstandingAsync(CancellationToken cancellationToken);

    /// <summary>What a count of <see cref="OutstandingAsync"/> is, for the settle's progress lines (<c>SPS files not yet imported</c>).</summary>
    string OutstandingKind => "records not picked up";

    /// <summary>Switches on the faults of the integration's own simulators (the shared QBO, ShipStation and OAuth ones are the run's).</summary>
    void EnableFaults(ChaosOptions options);

    /// <summary>The integration's own simulators with their counters, for the run's traffic table (the shared QBO, ShipStation and UPS ones are the run's).</summary>
    IReadOnlyList<(string Simulator, SimulatorFaults Faults)> OwnSimulators => [];

    /// <summary>Lifts every fault of the integration's own simulators.</summary>
    void DisableFaults();

    /// <summary>What the integration's own simulators injected, by fault class (<c>serverErrors</c>, <c>staleEditSequences</c>, <c>partnerRejections</c>, …).</summary>
    IReadOnlyDictionary<string, int> CountFaults();

    /// <summary>Gives consent again for the integration's OAuth connections after a refused refresh; does nothing when it has none.</summary>
    Task ReconsentAsync(ChaosHost host, CancellationToken cancellationToken);

    /// <summary>Every source record's state in the target system, given the open failures of <see cref="Connections"/>.</summary>
    IReadOnlyDictionary<string, (ChaosRecordState State, ChaosFailure? Failure)> Reconcile(IReadOnlyList<ChaosFailure> failures);

    /// <summary>The order open failures are replayed in once the faults are lifted (lower first: orders before their shipments).</summary>
    int ReplayRank(ChaosFailure failure);
}
