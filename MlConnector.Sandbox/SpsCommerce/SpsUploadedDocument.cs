using MlConnector.Core.Connectors.SpsCommerce.Rsx;

namespace MlConnector.Sandbox.SpsCommerce;

/// <summary>A document the simulator accepted into <c>data/in/</c>.</summary>
/// <param name="Name">The file name.</param>
/// <param name="Type">The RSX type the simulator recognised.</param>
/// <param name="TradingPartnerId">The <c>TradingPartnerId</c> of its header: where SPS routes it.</param>
/// <param name="DocumentNumber">The invoice number, ASN number or PO number of its header.</param>
/// <param name="Description">The <c>sps-meta-description</c> sent with it, if any.</param>
/// <param name="Content">The bytes as uploaded.</param>
public sealed record SpsUploadedDocument(string Name, RsxDocumentType Type, string TradingPartnerId, string DocumentNumber, string? Description, byte[] Content);
