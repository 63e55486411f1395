namespace MlConnector.Core.Health;

/// <summary>An integration's section of a connection's health document (see <see cref="IConnectionHealthContributor"/>).</summary>
/// <param name="Name">The section name, for example <c>webConnector</c>.</param>
/// <param name="NeedsAttention">True when the section makes the connection's status <c>attention</c>.</param>
/// <param name="Detail">What the section reports (serialized as JSON by its runtime type; no secrets).</param>
/// <param name="AlertRule">When set, the alert rule this condition fires (one incident until it clears; see <c>AlertEvaluator</c>).</param>
/// <param name="AlertText">The alert's message for people, with what to do.</param>
public sealed record ConnectionHealthNote(string Name, bool NeedsAttention, object Detail, string? AlertRule = null, string? AlertText = null);
