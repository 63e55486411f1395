namespace MlConnector.Core.Connections;

/// <summary>One problem with a connection definition.</summary>
/// <param name="Field">The field at fault, as a dotted path: <c>settings.qbo.realmId</c>.</param>
/// <param name="Message">What is wrong, completing the sentence "{Field} …".</param>
public sealed record ConnectionProblem(string Field, string Message);
