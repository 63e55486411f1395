namespace MlConnector.Core.Intake.QuickBooksOnline;

/// <summary>The result of dispatching one QBO entity change.</summary>
/// <param name="Outcome">Started, duplicate or ignored.</param>
/// <param name="InstanceId">The workflow instance started or found, if any.</param>
/// <param name="Note">Why it was ignored, for the audit trail; null otherwise.</param>
public sealed record QboChangeDispatch(QboChangeDispatchOutcome Outcome, string? InstanceId = null, string? Note = null);
