using MlConnector.Core.Workflows;

namespace MlConnector.Tests.Workflows.TestWorkflows;

/// <summary>Waits for an "approval" event with a timeout, as a QuickBooks Desktop workflow waits for the Web Connector.</summary>
public sealed class ApprovalWorkflow : IWorkflow<ApprovalInput, string>
{
    public const string EventName = "approval";

    public string Name => nameof(ApprovalWorkflow);

    public async Task<string> RunAsync(IWorkflowContext context, ApprovalInput input)
    {
        context.CreateReplaySafeLogger(nameof(ApprovalWorkflow)).ApprovalRequested(context.InstanceId);
        context.SetCustomStatus(new ApprovalStatus("awaiting-approval"));
        if (input.CallActivityFirst)
        {
            await context.CallActivityAsync<string>(nameof(CreateInvoiceActivity), new OrderInput(input.ConnectionId, input.OrderNumber));
        }

        try
        {
            var decision = await context.WaitForExternalEventAsync<ApprovalDecision>(EventName, TimeSpan.FromSeconds(input.TimeoutSeconds));
            context.SetCustomStatus(new ApprovalStatus("approved"));
            return "approved-by:" + decision.By;
        }
        catch (TimeoutException)
        {
            context.SetCustomStatus(new ApprovalStatus("expired"));
            return "timed-out";
        }
    }
}
