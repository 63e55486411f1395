namespace MlConnector.Core.Audit;

/// <summary>A filter over one connection's audit trail.</summary>
/// <param name="ConnectionId">The connection (required: the trail is partitioned by connection and day).</param>
/// <param name="FromUtc">Start of the time range, inclusive, UTC.</param>
/// <param name="ToUtc">End of the time range, exclusive, UTC.</param>
public sealed record AuditQuery(string ConnectionId, DateTimeOffset FromUtc, DateTimeOffset ToUtc)
{
    /// <summary>Only rows for this business key.</summary>
    public string? BusinessKey { get; init; }

    /// <summary>Only rows with this outcome.</summary>
    public AuditOutcome? Outcome { get; init; }

    /// <summary>Only rows for this operation.</summary>
    public string? Operation { get; init; }

    /// <summary>Only rows of this workflow instance.</summary>
    public string? WorkflowInstanceId { get; init; }

    /// <summary>At most this many rows, newest first.</summary>
    public int Limit { get; init; } = 500;
}
