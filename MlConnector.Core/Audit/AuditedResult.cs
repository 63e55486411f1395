namespace MlConnector.Core.Audit;

/// <summary>What an audited step reports about itself.</summary>
/// <typeparam name="T">The step's result.</typeparam>
/// <param name="Value">The result.</param>
/// <param name="Outcome">Succeeded, or Skipped when nothing needed doing.</param>
/// <param name="VendorReference">The vendor's id for what was created or read.</param>
/// <param name="Detail">A sentence for people.</param>
public sealed record AuditedResult<T>(T Value, AuditOutcome Outcome = AuditOutcome.Succeeded, string? VendorReference = null, string? Detail = null);
