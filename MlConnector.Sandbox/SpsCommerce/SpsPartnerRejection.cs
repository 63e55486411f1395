namespace MlConnector.Sandbox.SpsCommerce;

/// <summary>A trading partner's rejection of a document SPS had accepted, as the simulator records it in its history.</summary>
/// <param name="Name">The uploaded file.</param>
/// <param name="TradingPartnerId">The partner that rejected it.</param>
/// <param name="DocumentNumber">The rejected document's number.</param>
/// <param name="Reason">The partner's reason.</param>
public sealed record SpsPartnerRejection(string Name, string TradingPartnerId, string DocumentNumber, string Reason);
