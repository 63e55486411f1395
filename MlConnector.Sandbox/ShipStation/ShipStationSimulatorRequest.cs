namespace MlConnector.Sandbox.ShipStation;

/// <summary>A request the simulator answered (credentials are never recorded).</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path.</param>
/// <param name="Query">The query string, including <c>?</c>, or empty.</param>
/// <param name="StatusCode">The status answered.</param>
/// <param name="ReceivedAt">When it arrived, by the simulator's clock.</param>
/// <param name="Body">The request body, for POSTs.</param>
public sealed record ShipStationSimulatorRequest(string Method, string Path, string Query, int StatusCode, DateTimeOffset ReceivedAt, string? Body);
