using System.ComponentModel.DataAnnotations;

namespace MlConnector.Core.Intake;

/// <summary>
/// The webhook intake (section <c>Intake</c>): where verified deliveries are recorded and how <c>mlconnector serve</c>'s
/// dispatcher polls for them. The Functions app dispatches with a queue trigger on the same queue, tuned in host.json
/// (<c>extensions.queues</c>: the same 5 attempts, then the <c>-poison</c> queue).
/// </summary>
public sealed class WebhookIntakeOptions
{
    /// <summary>The configuration section: <c>Intake</c>.</summary>
    public const string SectionName = "Intake";

    /// <summary>
    /// The delivery queue (3–57 lowercase letters, digits and single hyphens); empty: <c>{Storage:TablePrefix}-intake</c>,
    /// lowercased. Its poison queue is the same name with <c>-poison</c>, as the Functions queue trigger names it. The
    /// Functions app binds its trigger to this setting, so it must be set there.
    /// </summary>
    [RegularExpression("^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){2,56}$|^$", ErrorMessage = "Intake:QueueName must be 3 to 57 lowercase letters, digits and single hyphens.")]
    public string? QueueName { get; set; }

    /// <summary>Dispatch attempts before a delivery is moved to the poison queue (default 5, the Functions queue trigger's).</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 5;

    /// <summary>
    /// How long a delivery <c>serve</c>'s poller received stays invisible to other dispatchers at a time (default 1 min): the
    /// poller renews it every third of this while the delivery waits or is dispatched (<see cref="WebhookMessageLease"/>), so
    /// a long dispatch is not taken a second time; a dead process's delivery reappears within this.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The first wait after an empty poll; it doubles on each empty poll up to <see cref="MaxPollInterval"/> (default 50 ms).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan MinPollInterval { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// The longest wait between polls of an idle queue (default 5 s). A delivery recorded by the same process wakes its
    /// dispatcher at once; one recorded by another process waits at most this long.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:05:00")]
    public TimeSpan MaxPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Deliveries one process dispatches at once (default 16): <c>serve</c>'s poller dispatches this many messages at once,
    /// and every delivery, each of a group message's too, waits for one of this many slots (<see cref="WebhookDispatchSlots"/>,
    /// in the Functions app as well).
    /// </summary>
    [Range(1, 256)]
    public int MaxConcurrentDispatches { get; set; } = 16;

    /// <summary>
    /// Of the <see cref="MaxConcurrentDispatches"/> slots, how many one connection's deliveries may hold at once (default 8,
    /// half the default slots; capped at <see cref="MaxConcurrentDispatches"/>). A delivery of a connection at its share
    /// waits, keeping its place, while other connections' deliveries take the free slots (<see cref="WebhookDispatchSlots"/>,
    /// both hosts), so a connection whose dispatches are slow or paused (a vendor's 429 <c>Retry-After</c>) does not take
    /// every slot. Deliveries without a connection at receipt (QBO, routed by the realm in the body) count as one connection
    /// per vendor.
    /// </summary>
    [Range(1, 256)]
    public int MaxConcurrentDispatchesPerConnection { get; set; } = 8;

    /// <summary>
    /// Record writes one process makes at once on the request path (default 64); a delivery that finds none free within
    /// <see cref="RecordTimeout"/> is answered 503 with <c>Retry-After</c> (<see cref="WebhookIntakeAdmission"/>).
    /// </summary>
    [Range(1, 4096)]
    public int MaxConcurrentRecords { get; set; } = 64;

    /// <summary>
    /// Record writes in flight at once on the request path (default 4). Deliveries verified while every writer is busy share
    /// the next write (<see cref="WebhookIntakeGroupCommit"/>): fewer writers make bigger groups and fewer storage round
    /// trips; one writer alone caps the intake at one group per round trip.
    /// </summary>
    [Range(1, 64)]
    public int RecordWriters { get; set; } = 4;

    /// <summary>
    /// How long a delivery may wait for a record slot and its one storage write together before the route answers 503 with
    /// <c>Retry-After</c> (default 2 s, inside Intuit's ~3 s expectation; the Azure SDK would otherwise wait up to its
    /// 100 s network timeout per try).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan RecordTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Test only: how long <c>serve</c>'s dispatcher waits after start before its first poll (default zero). Tests set it
    /// to hold recorded deliveries undispatched, kill the process and show a restarted one dispatching them.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan DispatchDelay { get; set; } = TimeSpan.Zero;
}
