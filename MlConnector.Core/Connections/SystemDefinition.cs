namespace MlConnector.Core.Connections;

/// <summary>One side of an integration and the settings it accepts.</summary>
/// <param name="Code">The system code: <c>shipstation</c>, <c>qbo</c>, <c>ups</c>, <c>freshbooks</c>, <c>qbd</c>, <c>sps</c>.</param>
/// <param name="Settings">The settings it accepts.</param>
/// <param name="RoutingSetting">The setting that routes the vendor's webhooks to this connection (QBO realmId,
/// FreshBooks accountId), or null when webhooks are routed by URL secret or there are none.</param>
/// <param name="UniqueSetting">The setting whose value names at most one connection and finds it with a point read
/// (<see cref="IConnectionStore.FindByUniqueSettingAsync"/>; QBD's <c>qbwcUserName</c>, which the Web Connector presents at
/// <c>authenticate</c>), or null.</param>
public sealed record SystemDefinition(string Code, IReadOnlyList<SettingDefinition> Settings, string? RoutingSetting = null, string? UniqueSetting = null);
