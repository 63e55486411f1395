namespace MlConnector.Tests.Infra;

/// <summary>The outcome of one Bicep CLI run.</summary>
internal sealed record BicepResult(int ExitCode, string Output, IReadOnlyList<string> Diagnostics);
