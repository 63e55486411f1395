namespace MlConnector.Core.Connectors.SpsCommerce;

/// <summary>
/// The answer of <c>GET /transactions/v5/history</c>, kept as SPS sent it: its shape is not in any stored contract
/// (PROTOCOL-NOTES §6, "Not found"), so nothing is read out of it here.
/// </summary>
/// <param name="Body">The JSON body (a clone, independent of the response).</param>
public sealed record SpsHistory(JsonElement Body);
