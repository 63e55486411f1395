namespace MlConnector.Core.Connections;

/// <summary>One side of an integration and the settings it accepts.</summary>
/// <param name="Code">The system code: <c>shipstation</c>, <c>qbo</c>, <c>ups</c>, <c>freshbooks</c>, <c>qbd</c>, <c>sps</c>.</param>
/// <param name="Settings">The settings it accepts.</param>
/// <param name="RoutingSetting">The setting that routes the vendor's webhooks to this connection (QBO realmId,
/// FreshBooks accountId), or null when webhooks are routed by URL secret or there are none.</param>
public sealed record SystemDefinition(string Code, IReadOnlyList<SettingDefinition> Settings, string? RoutingSetting = null);
