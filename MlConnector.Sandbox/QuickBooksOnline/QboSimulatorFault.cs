namespace MlConnector.Sandbox.QuickBooksOnline;

/// <summary>
/// A Fault the QBO simulator answers with, in QBO's shape (<c>contracts/quickbooks-online/errors/fault.docs-template.json</c>;
/// IntuitRestServiceDef.xsd <c>Fault</c>/<c>Error</c>).
/// </summary>
/// <param name="StatusCode">The HTTP status; QBO sends 400 for validation faults and sometimes 200 with a Fault.</param>
/// <param name="Type">The fault type: <c>ValidationFault</c>, <c>SystemFault</c>, <c>AuthenticationFault</c>, <c>AuthorizationFault</c>.</param>
/// <param name="Code">The error code, for example <c>5010</c>.</param>
/// <param name="Message">The standard message, for example <c>Stale Object Error</c>.</param>
/// <param name="Detail">The detail.</param>
/// <param name="Element">The element at fault, if any.</param>
public sealed record QboSimulatorFault(int StatusCode, string Type, string Code, string Message, string? Detail = null, string? Element = null)
{
    /// <summary>When set, overrides the simulator's <c>FaultsAsXml</c> for this fault.</summary>
    public bool? AsXml { get; init; }
}
