using MlConnector.Core.Errors;

namespace MlConnector.Core.Audit;

/// <summary>
/// One vendor call or decision, as written to and read from the audit trail.
/// </summary>
/// <param name="ConnectionId">The connection the work belongs to.</param>
/// <param name="Operation">What was done, for example <c>qbo.invoice.create</c> or <c>ups.xav</c>.</param>
/// <param name="Outcome">How it ended.</param>
/// <remarks>Never put a token, key or authorization header in any field.</remarks>
public sealed record AuditRecord(string ConnectionId, string Operation, AuditOutcome Outcome)
{
    /// <summary>When it happened, UTC. Filled in by the trail from its <see cref="TimeProvider"/> when default.</summary>
    public DateTimeOffset Time { get; init; }

    /// <summary>The workflow instance id, if the step ran inside a workflow.</summary>
    public string? WorkflowInstanceId { get; init; }

    /// <summary>The business key: order number, PO id, invoice number, tracking number.</summary>
    public string? BusinessKey { get; init; }

    /// <summary>The vendor's reference for what was created or read (QBO Invoice id, UPS shipment id…).</summary>
    public string? VendorReference { get; init; }

    /// <summary>The error class when <see cref="Outcome"/> is <see cref="AuditOutcome.Failed"/>.</summary>
    public ErrorKind? ErrorKind { get; init; }

    /// <summary>A human-readable detail: the error message or the decision's reason (at most 8 KiB kept).</summary>
    public string? Detail { get; init; }

    /// <summary>Who acted, for operator actions: the operator's name and how they were authenticated (<c>alice (bearer-token)</c>).</summary>
    public string? Actor { get; init; }

    /// <summary>A unique id for the row; assigned by the trail when null.</summary>
    public string? Id { get; init; }

    /// <summary>
    /// How many times the same event was recorded again after this row (a redelivered webhook), counted on this row by
    /// <see cref="IAuditTrail.WriteOnceAsync"/> instead of writing a row per repeat; 0 for an event seen once.
    /// </summary>
    public int Repeats { get; init; }

    /// <summary>When the event was last seen again, UTC; null when <see cref="Repeats"/> is 0.</summary>
    public DateTimeOffset? LastSeen { get; init; }
}
