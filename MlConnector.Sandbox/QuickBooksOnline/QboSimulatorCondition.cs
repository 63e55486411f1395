namespace MlConnector.Sandbox.QuickBooksOnline;

/// <summary>One WHERE condition of a simulator query: the property path equals one of the values.</summary>
/// <param name="Property">The property, possibly dotted (<c>MetaData.LastUpdatedTime</c>).</param>
/// <param name="Values">The accepted values, unquoted.</param>
internal sealed record QboSimulatorCondition(string Property, IReadOnlyList<string> Values);
