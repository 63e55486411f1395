using MlConnector.Core.Audit;

namespace MlConnector.Core.Intake.FreshBooks;

/// <summary>What an <see cref="IFreshBooksChangeHandler"/> did with one event; <see cref="FreshBooksWebhookApi"/> audits it.</summary>
/// <param name="Outcome"><see cref="AuditOutcome.Succeeded"/> when work started, <see cref="AuditOutcome.Skipped"/> for a duplicate or an event with nothing to do.</param>
/// <param name="Detail">For the audit row, for example <c>INV01001 is not flagged for shipping; skipped</c>. No secret.</param>
/// <param name="WorkflowInstanceId">The workflow instance started or found, if any.</param>
public sealed record FreshBooksChangeResult(AuditOutcome Outcome, string Detail, string? WorkflowInstanceId = null);
