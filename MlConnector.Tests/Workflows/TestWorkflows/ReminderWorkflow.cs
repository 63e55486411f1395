using MlConnector.Core.Workflows;

namespace MlConnector.Tests.Workflows.TestWorkflows;

/// <summary>Sleeps on a durable timer.</summary>
public sealed class ReminderWorkflow : IWorkflow<ReminderInput, ReminderOutput>
{
    public string Name => nameof(ReminderWorkflow);

    public async Task<ReminderOutput> RunAsync(IWorkflowContext context, ReminderInput input)
    {
        var started = context.CurrentUtcDateTime;
        var marker = context.NewGuid();
        await context.CreateTimer(started.AddSeconds(input.DelaySeconds), CancellationToken.None);
        return new ReminderOutput(started, context.CurrentUtcDateTime, marker);
    }
}
