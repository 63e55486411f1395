namespace MlConnector.Core.Connectors.QuickBooksOnline;

/// <summary>One <c>Error</c> of a QBO <see cref="QboFault"/> (IntuitRestServiceDef.xsd <c>Error</c>).</summary>
/// <param name="Code">The error code, for example <c>5010</c> (Stale Object Error), <c>6240</c> (Duplicate Name), <c>610</c> (Object Not Found).</param>
/// <param name="Message">The standard message for the code.</param>
/// <param name="Detail">The detail from QBO's business logic.</param>
/// <param name="Element">The element that caused the error, if QBO names one (often empty).</param>
public sealed record QboFaultError(string? Code, string? Message, string? Detail, string? Element);
