using Azure;
using Azure.Data.Tables;

namespace MlConnector.Core.Audit;

/// <summary>
/// The Table Storage row behind an <see cref="AuditRecord"/>.
/// PartitionKey = <c>{connectionId}|{yyyyMMdd}</c> (UTC day), RowKey = inverted ticks + <c>|</c> + id (newest first).
/// </summary>
public sealed class AuditEntry : ITableEntity
{
    /// <inheritdoc />
    public string PartitionKey { get; set; } = string.Empty;

    /// <inheritdoc />
    public string RowKey { get; set; } = string.Empty;

    /// <inheritdoc />
    public DateTimeOffset? Timestamp { get; set; }

    /// <inheritdoc />
    public ETag ETag { get; set; }

    /// <summary>The connection id.</summary>
    public string ConnectionId { get; set; } = string.Empty;

    /// <summary>When it happened, UTC.</summary>
    public DateTimeOffset Time { get; set; }

    /// <summary>The operation name.</summary>
    public string Operation { get; set; } = string.Empty;

    /// <summary>The <see cref="AuditOutcome"/> name.</summary>
    public string Outcome { get; set; } = string.Empty;

    /// <summary>The workflow instance id, if any.</summary>
    public string? WorkflowInstanceId { get; set; }

    /// <summary>The business key, if any.</summary>
    public string? BusinessKey { get; set; }

    /// <summary>The vendor reference, if any.</summary>
    public string? VendorReference { get; set; }

    /// <summary>The <see cref="Errors.ErrorKind"/> name, if any.</summary>
    public string? ErrorKind { get; set; }

    /// <summary>The detail, at most 8 KiB, with credentials redacted.</summary>
    public string? Detail { get; set; }

    /// <summary>Who acted, for operator actions.</summary>
    public string? Actor { get; set; }

    /// <summary>The record id.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>How many times the same event was recorded again after this row (<see cref="AuditRecord.Repeats"/>).</summary>
    public int Repeats { get; set; }

    /// <summary>When the event was last seen again, UTC (<see cref="AuditRecord.LastSeen"/>).</summary>
    public DateTimeOffset? LastSeen { get; set; }
}
