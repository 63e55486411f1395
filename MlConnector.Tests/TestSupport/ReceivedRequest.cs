namespace MlConnector.Tests.TestSupport;

/// <summary>
/// A request the loopback server received: method, path and the <see cref="System.Diagnostics.Stopwatch"/> timestamp of
/// arrival, plus its query string, headers (case-insensitive) and body text.
/// </summary>
public sealed record ReceivedRequest(string Method, string Path, long Timestamp)
{
    public string Query { get; init; } = string.Empty;

    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    public string Body { get; init; } = string.Empty;
}
