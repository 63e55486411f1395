using MlConnector.Core.Workflows;

namespace MlConnector.Tests.Security;

public sealed class CanaryWorkflow : IWorkflow<CanaryInput, string>
{
    public string Name => nameof(CanaryWorkflow);

    public Task<string> RunAsync(IWorkflowContext context, CanaryInput input) =>
        context.CallActivityAsync<string>(nameof(CanaryVendorCallActivity), input);
}
