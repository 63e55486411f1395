using MlConnector.Core.Errors;
using MlConnector.Core.Workflows;

namespace MlConnector.Tests.Cli;

/// <summary>Fails with a data error until the operator "fixes" the mapping, as an order with an unmapped SKU would.</summary>
public sealed class FlakyVendorActivity(FlakyVendorFix fix) : IWorkflowActivity<string, string>
{
    public string Name => nameof(FlakyVendorActivity);

    public Task<string> RunAsync(WorkflowActivityContext context, string input, CancellationToken cancellationToken = default) =>
        fix.IsFixed
            ? Task.FromResult("INV-" + input)
            : throw new ConnectorValidationException("qbo", $"SKU WIDGET-9 of order {input} has no QBO item mapping", "mappings.sku.WIDGET-9");
}
