using MlConnector.Tests.Integrations.Samples.Beta;

namespace MlConnector.Tests.Integrations.Samples.Alpha;

/// <summary>A sample integration type that breaks the rule: it holds another sample integration's type.</summary>
internal sealed class AlphaWorkflow
{
    public BetaKeys Keys { get; } = new();
}
