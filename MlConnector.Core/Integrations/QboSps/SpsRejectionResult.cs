namespace MlConnector.Core.Integrations.QboSps;

/// <summary>What a replay of a partner rejection did (ids only).</summary>
/// <param name="Path">The rejected document's SPS path.</param>
/// <param name="ResentPath">The SPS path of the corrected document, or null when there was nothing to resend.</param>
/// <param name="Uploaded">True when this run uploaded the correction; false when it was uploaded before.</param>
public sealed record SpsRejectionResult(string Path, string? ResentPath, bool Uploaded);
