namespace MlConnector.Tests.Integrations.Samples.Beta;

/// <summary>A sample integration type that another sample integration reaches into.</summary>
internal sealed class BetaKeys
{
    public string Prefix { get; } = "beta";
}
