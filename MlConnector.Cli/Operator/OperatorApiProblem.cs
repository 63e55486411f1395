namespace MlConnector.Cli.Operator;

/// <summary>One invalid field named by the host: <c>{"field": "settings.qbo.realmId", "message": "…"}</c>.</summary>
internal sealed record OperatorApiProblem(string Field, string Message);
