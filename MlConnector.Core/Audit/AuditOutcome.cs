namespace MlConnector.Core.Audit;

/// <summary>How an audited step ended.</summary>
public enum AuditOutcome
{
    /// <summary>The call or decision succeeded.</summary>
    Succeeded = 0,

    /// <summary>The call failed; see the error class and detail.</summary>
    Failed,

    /// <summary>Nothing was done on purpose (duplicate suppressed, already exists, event for an unserved realm).</summary>
    Skipped,

    /// <summary>The step was started and its outcome is not known yet.</summary>
    Started,
}
