using MlConnector.Core.Diagnostics;
using MlConnector.Core.Errors;

namespace MlConnector.Core.Connectors.SpsCommerce;

/// <summary>
/// Reads SPS Commerce's RFC 7807 error bodies (<c>application/problem+json</c> with <c>title</c>, <c>status</c>,
/// <c>detail</c>, <c>instance</c>, <c>requestId</c>, <c>context</c>: the SPS API standard,
/// https://spscommerce.github.io/sps-api-standards/standards/errors.html; PROTOCOL-NOTES §6). The kind stays the
/// status table's (a 400/422 is <see cref="ErrorKind.Validation"/> naming the first <c>context</c> field); the title and
/// detail go into the message and the request id onto the exception.
/// </summary>
internal sealed class SpsCommerceErrorClassifier : IVendorErrorClassifier
{
    private const int MaxDetailLength = 500;

    /// <inheritdoc />
    public string Connector => SpsCommerceClient.Connector;

    /// <inheritdoc />
    public VendorErrorClassification? Classify(VendorErrorContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (ProblemDetailsBody.TryParse(context.Body) is not { } problem)
        {
            return null;
        }

        var detail = string.Join(": ", new[] { problem.Title, problem.Detail }.Where(t => !string.IsNullOrWhiteSpace(t)));
        detail = detail.Length <= MaxDetailLength ? detail : detail[..MaxDetailLength];
        return new VendorErrorClassification(context.DefaultKind)
        {
            VendorErrorCode = problem.Type,
            Detail = CredentialRedactor.Redact(detail),
            Field = context.DefaultKind == ErrorKind.Validation && problem.ContextFields.Count > 0 ? problem.ContextFields[0] : null,
            RequestId = problem.RequestId,
        };
    }
}
