using MlConnector.Core.Workflows;

namespace MlConnector.Core.Integrations.QboSps.Activities;

/// <summary>Acknowledges (deletes) an SPS document once its QBO write is recorded (<see cref="SpsOrderImporter.AcknowledgeAsync"/>).</summary>
/// <param name="importer">The importer.</param>
[TargetWrite]
public sealed class SpsAcknowledgeDocumentActivity(SpsOrderImporter importer) : IWorkflowActivity<SpsDocumentRef, bool>
{
    /// <inheritdoc />
    public string Name => nameof(SpsAcknowledgeDocumentActivity);

    /// <inheritdoc />
    public async Task<bool> RunAsync(WorkflowActivityContext context, SpsDocumentRef input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        await importer.AcknowledgeAsync(input, context.InstanceId, cancellationToken);
        return true;
    }
}
