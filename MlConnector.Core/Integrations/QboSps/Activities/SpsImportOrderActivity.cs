using MlConnector.Core.Workflows;

namespace MlConnector.Core.Integrations.QboSps.Activities;

/// <summary>Applies one inbound 850 to QBO through <see cref="SpsOrderImporter.ImportAsync"/> (exactly once; quarantine on a bad document).</summary>
/// <param name="importer">The importer.</param>
[TargetWrite]
public sealed class SpsImportOrderActivity(SpsOrderImporter importer) : IWorkflowActivity<SpsDocumentRef, SpsOrderImportResult>
{
    /// <inheritdoc />
    public string Name => nameof(SpsImportOrderActivity);

    /// <inheritdoc />
    public Task<SpsOrderImportResult> RunAsync(WorkflowActivityContext context, SpsDocumentRef input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        return importer.ImportAsync(input, context.InstanceId, cancellationToken);
    }
}
