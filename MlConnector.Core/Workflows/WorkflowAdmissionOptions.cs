using System.ComponentModel.DataAnnotations;

namespace MlConnector.Core.Workflows;

/// <summary>
/// How many workflows one connection may have running at once (section <c>Admission</c>, read by both hosts): a start beyond
/// <see cref="MaxActivePerConnection"/> is held in the <see cref="HeldWorkStore"/> (one table transaction, no queue message)
/// and started, in arrival order, by the <c>Schedules:HeldWorkRelease</c> pass once the connection's running instances fall
/// under the limit (<see cref="WorkflowAdmission"/>).
/// </summary>
/// <remarks>
/// <para>Why a limit: every running instance holds at least one message in the task hub's queues (its next episode, an
/// activity's work item, a durable timer for a retry's backoff) and is loaded again for each episode. Started all at once,
/// a 10,000-record backlog kept ~8,000 instances running and finished almost none of them (docs/reliability.md, session
/// 10): the storage's work per message grows with the messages held, while the vendors' budgets (QBO 500 requests/min per
/// realm, ShipStation 40/min per API key; <c>contracts/PROTOCOL-NOTES.md</c>) admit only so many records a minute whatever
/// the concurrency.</para>
/// <para>Why 100 by default: a record's workflow makes about 4–7 requests to the connection's accounting system (QBO's
/// governor budgets 450/min per realm), so a realm completes at most about 65–110 records a minute; with a record's
/// workflow taking up to a minute through the vendors' retries, 100 running at once keeps a realm's budget busy, and 5
/// connections hold ~500 instances, not thousands.</para>
/// </remarks>
public sealed class WorkflowAdmissionOptions
{
    /// <summary>The configuration section: <c>Admission</c>.</summary>
    public const string SectionName = "Admission";

    /// <summary>
    /// The most pending or running workflow instances of one connection (the second part of the
    /// <see cref="WorkflowInstanceId"/>) before new starts are held (default 100; 0 admits every start). Replays an operator
    /// asks for are not limited. A soft limit: each process counts its own starts between counts, so several processes
    /// started at once can each admit up to the limit until the next count.
    /// </summary>
    [Range(0, 100_000)]
    public int MaxActivePerConnection { get; set; } = 100;

    /// <summary>
    /// How often the running instances are counted again (default 5 s, 1 s to 10 minutes): one listing of the task hub's
    /// pending and running instances (no inputs), which Azurite answers with a scan of the Instances table. Between counts a
    /// process adds its own starts, so the limit holds within a process whatever the interval.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan CountInterval { get; set; } = TimeSpan.FromSeconds(5);
}
