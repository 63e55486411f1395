using MlConnector.Core.Integrations.QboSps.Activities;
using MlConnector.Core.Workflows;

namespace MlConnector.Core.Integrations.QboSps.Workflows;

/// <summary>
/// "Trading partner rejected an 810/856": one activity. The first run records the rejection and fails as
/// <c>PartnerRejected</c>, so it is on the operators' failure view; a replay after the merchant's correction resends the
/// document once (<see cref="SpsPartnerRejectionHandler"/>). One instance per rejected upload
/// (<see cref="SpsPartnerRejectionHandler.InstanceId"/>).
/// </summary>
public sealed class SpsPartnerRejectionWorkflow : IWorkflow<SpsRejectedDocument, SpsRejectionResult>
{
    /// <inheritdoc />
    public string Name => nameof(SpsPartnerRejectionWorkflow);

    /// <inheritdoc />
    public async Task<SpsRejectionResult> RunAsync(IWorkflowContext context, SpsRejectedDocument input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        context.SetCustomStatus(new { step = "rejected", path = input.Path, partner = input.TradingPartnerId });
        var result = await context.CallActivityAsync<SpsRejectionResult>(nameof(SpsHandlePartnerRejectionActivity), input, WorkflowRetryPolicy.VendorOutage);
        context.SetCustomStatus(new { step = "done", path = input.Path, resent = result.ResentPath });
        return result;
    }
}
