using MlConnector.Core.Workflows;

namespace MlConnector.Core.Integrations.QboSps.Activities;

/// <summary>Records a trading partner's rejection, or on a replay resends the correction (<see cref="SpsPartnerRejectionHandler.HandleAsync"/>).</summary>
/// <param name="handler">The rejection handler.</param>
[TargetWrite]
public sealed class SpsHandlePartnerRejectionActivity(SpsPartnerRejectionHandler handler) : IWorkflowActivity<SpsRejectedDocument, SpsRejectionResult>
{
    /// <inheritdoc />
    public string Name => nameof(SpsHandlePartnerRejectionActivity);

    /// <inheritdoc />
    public Task<SpsRejectionResult> RunAsync(WorkflowActivityContext context, SpsRejectedDocument input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        return handler.HandleAsync(input, context.InstanceId, cancellationToken);
    }
}
