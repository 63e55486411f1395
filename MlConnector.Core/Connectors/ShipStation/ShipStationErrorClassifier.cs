using MlConnector.Core.Connectors.ShipStation.Wire;
using MlConnector.Core.Errors;

namespace MlConnector.Core.Connectors.ShipStation;

/// <summary>
/// Reads ShipStation V2 error bodies (<c>error_response_body</c>: <c>{request_id, errors: [{error_source, error_type,
/// error_code, message}]}</c>, contracts/shipstation/v2/openapi.yaml) so the exception carries the vendor's error code,
/// message and request id. The status-code mapping is kept. V1 error bodies are not documented and are left to it.
/// </summary>
internal sealed class ShipStationErrorClassifier : IVendorErrorClassifier
{
    /// <inheritdoc />
    public string Connector => ShipStationClient.V2Connector;

    /// <inheritdoc />
    public VendorErrorClassification? Classify(VendorErrorContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Body is null || !context.Body.StartsWith('{'))
        {
            return null;
        }

        V2ErrorResponseWire? body;
        try
        {
            body = JsonSerializer.Deserialize(context.Body, ShipStationJsonContext.Default.V2ErrorResponseWire);
        }
        catch (JsonException)
        {
            return null;
        }

        var first = body?.Errors?.FirstOrDefault();
        if (body is null || (first is null && body.RequestId is null))
        {
            return null;
        }

        return new VendorErrorClassification(context.DefaultKind)
        {
            VendorErrorCode = first?.ErrorCode,
            Detail = first is null ? null : $"{first.ErrorSource}/{first.ErrorType}: {first.Message}",
            RequestId = body.RequestId,
        };
    }
}
