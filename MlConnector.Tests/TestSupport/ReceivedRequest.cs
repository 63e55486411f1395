namespace MlConnector.Tests.TestSupport;

/// <summary>A request the loopback server received: method, path and the <see cref="System.Diagnostics.Stopwatch"/> timestamp of arrival.</summary>
public sealed record ReceivedRequest(string Method, string Path, long Timestamp);
