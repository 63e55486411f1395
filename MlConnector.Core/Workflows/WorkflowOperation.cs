namespace MlConnector.Core.Workflows;

/// <summary>One step the workflow scheduled in this run, identified by its deterministic sequence number.</summary>
internal sealed class WorkflowOperation(int taskId, WorkflowOperationKind kind, string name)
{
    public int TaskId => taskId;

    public WorkflowOperationKind Kind => kind;

    /// <summary>The activity or event name.</summary>
    public string Name => name;

    /// <summary>Completes with the step's JSON result; continuations are posted to the workflow's synchronization context.</summary>
    public TaskCompletionSource<string?> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsDone => Completion.Task.IsCompleted;

    public string? InputJson { get; init; }

    public WorkflowRetryPolicy? Retry { get; init; }

    /// <summary>For a timer, when it fires; for an event wait, when it times out (null: never).</summary>
    public DateTimeOffset? DueUtc { get; init; }

    public TimeSpan Timeout { get; init; }

    /// <summary>Attempts already made (recorded in history or run in this episode).</summary>
    public int Attempts { get; set; }

    /// <summary>When the next attempt may start, after a failed attempt.</summary>
    public DateTimeOffset? RetryAtUtc { get; set; }

    /// <summary>True when history already holds the step's final outcome, so it must not run again.</summary>
    public bool HasFinalRecord { get; set; }

    public bool InFlight { get; set; }
}
