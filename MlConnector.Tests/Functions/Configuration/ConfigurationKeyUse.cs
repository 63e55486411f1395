namespace MlConnector.Tests.Functions.Configuration;

/// <summary>A configuration key the code reads (':'-separated), and where.</summary>
internal sealed record ConfigurationKeyUse(string Key, string Source);
