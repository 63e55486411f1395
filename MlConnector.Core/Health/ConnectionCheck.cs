namespace MlConnector.Core.Health;

/// <summary>One check of a connection test (<c>POST /api/connections/{id}/test</c>).</summary>
/// <param name="System">The system checked (<c>qbo</c>, <c>shipstation</c>, <c>ups</c>).</param>
/// <param name="Check">What was checked: <c>reachability</c>, <c>credentials</c>, <c>consent</c>, <c>rate-limit</c>, <c>webhooks</c>.</param>
/// <param name="Ok">True when it passed.</param>
/// <param name="Detail">What was found (no secrets).</param>
/// <param name="Fix">For a failed check: what the merchant or operator does about it.</param>
public sealed record ConnectionCheck(string System, string Check, bool Ok, string Detail, string? Fix = null);
