using MlConnector.Core.Workflows;

namespace MlConnector.Tests.Cli;

public sealed class FlakyWorkflow : IWorkflow<string, string>
{
    public string Name => nameof(FlakyWorkflow);

    public Task<string> RunAsync(IWorkflowContext context, string input) =>
        context.CallActivityAsync<string>(nameof(FlakyVendorActivity), input);
}
