namespace MlConnector.Core.Connections;

/// <summary>An integration kind and its two systems.</summary>
/// <param name="Id">The kind id, for example <c>shipstation-qbo</c>.</param>
/// <param name="Description">What moves where.</param>
/// <param name="Systems">The two systems.</param>
public sealed record IntegrationDefinition(string Id, string Description, IReadOnlyList<SystemDefinition> Systems);
