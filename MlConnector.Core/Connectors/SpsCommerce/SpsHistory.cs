namespace MlConnector.Core.Connectors.SpsCommerce;

/// <summary>
/// The answer of <c>GET /transactions/v5/history</c>, kept as SPS sent it: its shape is not in any stored contract
/// (PROTOCOL-NOTES §6, "Not found"); <see cref="Entries"/> reads the assumed shape of <see cref="SpsHistoryEntry"/>.
/// </summary>
/// <param name="Body">The JSON body (a clone, independent of the response).</param>
public sealed record SpsHistory(JsonElement Body)
{
    /// <summary>
    /// The entries of <c>results[]</c> that carry a string <c>path</c> and <c>status</c> (others are skipped, never guessed at),
    /// oldest first as listed.
    /// </summary>
    /// <returns>The entries; empty when the body has no <c>results</c> array.</returns>
    public IReadOnlyList<SpsHistoryEntry> Entries()
    {
        if (Body.ValueKind != JsonValueKind.Object || !Body.TryGetProperty("results", out var results) || results.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        var entries = new List<SpsHistoryEntry>();
        foreach (var result in results.EnumerateArray())
        {
            if (Text(result, "path") is { Length: > 0 } path && Text(result, "status") is { Length: > 0 } status)
            {
                entries.Add(new SpsHistoryEntry(path.TrimStart('/'), status, Text(result, "tradingPartnerId"), Text(result, "documentNumber"), Text(result, "detail")));
            }
        }

        return entries;
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
