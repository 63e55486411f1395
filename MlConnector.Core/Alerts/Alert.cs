namespace MlConnector.Core.Alerts;

/// <summary>One alert raised for an incident.</summary>
/// <param name="ConnectionId">The connection.</param>
/// <param name="Rule">The rule (<see cref="AlertRule"/>).</param>
/// <param name="Text">The message for people (no secrets).</param>
public sealed record Alert(string ConnectionId, string Rule, string Text);
