using System.ComponentModel.DataAnnotations;

namespace MlConnector.Cli.Serve.TaskHub;

/// <summary>
/// How <c>mlconnector serve</c> runs workflows on the Durable Task Framework (<c>DurableTask.Core</c> +
/// <c>DurableTask.AzureStorage</c>, the engine under Durable Functions), section <c>Workflows</c>. The task hub lives
/// in the configured storage (Azurite locally, an Azure Storage account in production); every <c>serve</c> process
/// that names the same storage and task hub shares the work.
/// </summary>
/// <remarks>
/// The library's defaults suit a Functions app that scales to zero; a merchant's <c>serve</c> process is always on and
/// is judged by how soon a webhook reaches its write-back and how soon a crashed process's work resumes. The numbers
/// (DurableTask.AzureStorage <c>AzureStorageOrchestrationServiceSettings</c>; defaults 5 min visibility, 30 s leases,
/// 30 s polling):
/// <list type="bullet">
/// <item><see cref="VisibilityTimeout"/> 45 s: a message a dead process had dequeued reappears 45 s later. A live
/// process renews the lock of a running activity 30 s before it expires (checking every 5 s, DurableTask.Core
/// <c>TaskActivityDispatcher.RenewUntil</c>), so a long activity is not handed to a second process.</item>
/// <item><see cref="LeaseInterval"/> 20 s, renewed and rebalanced every 5 s: a dead process's partitions belong to a
/// live one within about 25 s, before its messages reappear. With the 1 s polling below, a crashed process's work
/// resumes within about 46 s, inside the 60 s a merchant should at most wait.</item>
/// <item><see cref="MaxQueuePollingInterval"/> 1 s: an idle hub backs off to one poll per queue per second, so the
/// first webhook after a quiet spell reaches its workflow in about a second (the library's 30 s would add up to half
/// a minute); the cost is about five storage reads per second per process while idle.</item>
/// </list>
/// </remarks>
public sealed class TaskHubOptions
{
    /// <summary>The configuration section: <c>Workflows</c>.</summary>
    public const string SectionName = "Workflows";

    /// <summary>
    /// The task hub's name (3–45 letters and digits, starting with a letter); empty: <c>{Storage:TablePrefix}hub</c>.
    /// Processes that share it share the work; the Functions app's hub is <c>DurableTaskHubName</c>.
    /// </summary>
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,44}$|^$", ErrorMessage = "Workflows:TaskHubName must be 3 to 45 letters and digits, starting with a letter.")]
    public string? TaskHubName { get; set; }

    /// <summary>
    /// Control-queue partitions (1–16, default 4). Each partition's orchestrations run on one process at a time, so this
    /// bounds how many processes share orchestration work; activities spread over every process regardless. Fixed when
    /// the task hub is created: changing it needs a new task hub.
    /// </summary>
    [Range(1, 16)]
    public int PartitionCount { get; set; } = 4;

    /// <summary>
    /// Activities one process runs at once (default 100; the library's is 10, Durable Functions' 10 per core). Our
    /// activities are vendor calls: a slot is held while the call waits for its connection's rate governor, for a
    /// vendor's Retry-After and for the HTTP retries' backoff (1 s, 2 s), not while it uses a core. With 10 slots a
    /// 1,000-record chaos run's activities queued behind calls that were only waiting, whatever their vendor; with 100
    /// its first phase settled in 234 s instead of 401 s (docs/performance.md "Activity slots"). The vendors' rate
    /// governors, not this, bound the traffic each vendor sees.
    /// </summary>
    [Range(1, 256)]
    public int MaxConcurrentActivities { get; set; } = 100;

    /// <summary>Orchestration episodes one process runs at once (default 100, the library's).</summary>
    [Range(1, 1000)]
    public int MaxConcurrentOrchestrations { get; set; } = 100;

    /// <summary>How long a dequeued control or work-item message stays invisible to other processes (default 45 s).</summary>
    [Range(typeof(TimeSpan), "00:00:10", "00:10:00")]
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromSeconds(45);

    /// <summary>How long a process's claim on a partition lasts without renewal (default 20 s).</summary>
    [Range(typeof(TimeSpan), "00:00:10", "00:05:00")]
    public TimeSpan LeaseInterval { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How often partition claims are renewed, and balanced across processes (default 5 s).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:01:00")]
    public TimeSpan LeaseRenewInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest pause between polls of an idle queue (default 1 s).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:00:30")]
    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The longest the engine holds one orchestration episode or activity, before it runs, while the webhook intake's record
    /// writes are under pressure (default 2 s; zero: never), so acknowledgements go first on the storage both share
    /// (<see cref="TaskHubIntakePriority"/>). Two seconds is the intake's own record bound (<c>Intake:RecordTimeout</c>): a
    /// burst of acknowledgements either clears within it or is already being answered 503, and it stays far inside
    /// <see cref="VisibilityTimeout"/>, so a held message never reappears to another worker.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:05")]
    public TimeSpan IntakePriorityHold { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Whether an orchestration stays loaded between its episodes (default true): DTFx extended sessions
    /// (<c>AzureStorageOrchestrationServiceSettings.ExtendedSessionsEnabled</c>). Without them every episode (each
    /// activity result, timer or event) re-reads the instance's whole history from the task hub's History table, a table
    /// query; on Azurite every query scans the whole table (LokiTableMetadataStore <c>queryTableEntities</c>), so each
    /// record costs more the more records the hub holds. With them DTFx keeps the history and the replayed orchestration
    /// in memory (<c>OrchestrationSessionManager</c> hands new messages of a loaded instance to its
    /// <c>OrchestrationSession</c>) and reads history only when an instance is not loaded: its first episode, after
    /// <see cref="ExtendedSessionIdleTimeout"/>, after a restart or when its partition moved to another process.
    /// </summary>
    /// <remarks>
    /// What it changes (DurableTask.Core <c>TaskOrchestrationDispatcher</c>, DurableTask.AzureStorage 2.x; the Durable
    /// Functions docs of <c>extendedSessionsEnabled</c> say the same):
    /// <list type="bullet">
    /// <item>At most half of <see cref="MaxConcurrentOrchestrations"/> instances are extended at once (the dispatcher's
    /// <c>concurrentSessionLock</c>, "to avoid starvation"); an idle extended instance keeps its dispatcher slot until it
    /// times out, so the other half always serves new work.</item>
    /// <item><see cref="TaskHubIntakePriority"/> still runs before every episode of a session (the dispatcher runs the
    /// middleware per episode), so a held episode holds its session too, within the same bound.</item>
    /// <item>Nothing durable changes: every episode is checkpointed to the History and Instances tables as before, so a
    /// killed process's instances are loaded from storage by whichever process takes their partition.</item>
    /// <item>Several processes: a partition's instances run on its lease owner only; a session whose partition is lost
    /// fails its next checkpoint on the history ETag and is abandoned (<c>SessionAbortedException</c>), and a graceful
    /// hand-over waits for the partition's sessions to end (<c>DrainAsync</c>, at most 60 s), so an idle session delays it
    /// by up to <see cref="ExtendedSessionIdleTimeout"/>.</item>
    /// </list>
    /// </remarks>
    public bool ExtendedSessions { get; set; } = true;

    /// <summary>
    /// How long an extended session waits for its instance's next message before it unloads (default 30 s, the DTFx and
    /// Durable Functions default <c>extendedSessionIdleTimeoutInSeconds</c>). Long enough for the next activity result of
    /// a workflow whose activities wait on a vendor's rate budget; short enough that a graceful partition hand-over is
    /// not held for long (see <see cref="ExtendedSessions"/>).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan ExtendedSessionIdleTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>This process's name in partition leases (default: machine name and process id).</summary>
    public string? WorkerId { get; set; }
}
