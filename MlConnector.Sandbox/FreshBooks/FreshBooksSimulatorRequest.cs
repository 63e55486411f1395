namespace MlConnector.Sandbox.FreshBooks;

/// <summary>One request the simulator answered.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path and query.</param>
/// <param name="StatusCode">The status answered.</param>
/// <param name="Body">The request body, if any.</param>
public sealed record FreshBooksSimulatorRequest(string Method, string Path, int StatusCode, string? Body);
