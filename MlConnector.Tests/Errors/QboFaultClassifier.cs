using MlConnector.Core.Errors;

namespace MlConnector.Tests.Errors;

/// <summary>
/// A test classifier in the shape a QuickBooks Online connector would register: it reads the Fault document
/// (contracts/quickbooks-online/errors/fault.docs-template.json) and turns code 5010 (stale SyncToken) into a conflict.
/// </summary>
public sealed class QboFaultClassifier : IVendorErrorClassifier
{
    public string Connector => "qbo";

    public List<VendorErrorContext> Seen { get; } = [];

    public VendorErrorClassification? Classify(VendorErrorContext context)
    {
        Seen.Add(context);
        if (context.Body is null)
        {
            return null;
        }

        using var document = JsonDocument.Parse(context.Body);
        var error = document.RootElement.GetProperty("Fault").GetProperty("Error")[0];
        var code = error.GetProperty("code").GetString();
        return code == "5010"
            ? new VendorErrorClassification(ErrorKind.Conflict) { VendorErrorCode = code, Detail = error.GetProperty("Message").GetString() }
            : null;
    }
}
