namespace MlConnector.Core.Connections;

/// <summary>One setting a system accepts on a connection.</summary>
/// <param name="Name">The setting name, camelCase.</param>
/// <param name="Type">How the value is checked.</param>
/// <param name="Required">Whether a connection must have it.</param>
/// <param name="Description">What it means, for operators and error messages.</param>
/// <param name="Choices">Allowed values when <paramref name="Type"/> is <see cref="SettingType.Choice"/>.</param>
public sealed record SettingDefinition(string Name, SettingType Type, bool Required, string Description, IReadOnlyList<string>? Choices = null);
