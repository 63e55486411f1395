namespace MlConnector.Sandbox.SpsCommerce;

/// <summary>One request the SPS simulator answered.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path and query.</param>
/// <param name="StatusCode">The status answered.</param>
/// <param name="ContentType">The request's content type, if any.</param>
/// <param name="Description">The <c>sps-meta-description</c> header, if any.</param>
public sealed record SpsSimulatorRequest(string Method, string Path, int StatusCode, string? ContentType, string? Description);
