namespace MlConnector.Core.Workflows;

/// <summary>What one history row records.</summary>
internal enum WorkflowHistoryEventType
{
    /// <summary>An activity returned; the row holds its result JSON.</summary>
    ActivityCompleted = 0,

    /// <summary>An activity attempt failed and a retry is due at the row's RetryAtUtc.</summary>
    ActivityAttemptFailed,

    /// <summary>An activity failed for good; the row holds the failure.</summary>
    ActivityFailed,

    /// <summary>A durable timer fired.</summary>
    TimerFired,

    /// <summary>An external event was delivered to a wait; the row holds its payload.</summary>
    EventReceived,

    /// <summary>A wait for an external event timed out.</summary>
    EventTimedOut,
}
