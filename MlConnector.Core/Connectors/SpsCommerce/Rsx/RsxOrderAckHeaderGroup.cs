namespace MlConnector.Core.Connectors.SpsCommerce.Rsx;

/// <summary><c>OrderAck.Header</c>.</summary>
/// <param name="OrderHeader"><c>OrderHeader</c> (required).</param>
public sealed record RsxOrderAckHeaderGroup(
    RsxOrderAckHeader OrderHeader);
