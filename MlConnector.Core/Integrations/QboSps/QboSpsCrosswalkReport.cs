namespace MlConnector.Core.Integrations.QboSps;

/// <summary>The result of one crosswalk check of a <c>qbo-sps</c> connection.</summary>
/// <param name="ConnectionId">The connection.</param>
/// <param name="Broken">Mappings that point at a QBO record that is gone or inactive.</param>
/// <param name="Unmapped">Active QBO records no mapping points at (items; vendors or customers, by the connection's posting).</param>
/// <param name="NewlyReported">How many of <paramref name="Unmapped"/> were reported for the first time by this check.</param>
public sealed record QboSpsCrosswalkReport(string ConnectionId, IReadOnlyList<QboSpsCrosswalkFinding> Broken, IReadOnlyList<QboSpsCrosswalkFinding> Unmapped, int NewlyReported);
