namespace MlConnector.Core.Integrations.QboSps;

/// <summary>An SPS Commerce document of a connection, by path: workflow input (ids only, no document content).</summary>
/// <param name="ConnectionId">The connection.</param>
/// <param name="Path">The Transaction API path, for example <c>out/PO584615-1.json</c>.</param>
public sealed record SpsDocumentRef(string ConnectionId, string Path);
