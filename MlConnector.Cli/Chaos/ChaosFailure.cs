namespace MlConnector.Cli.Chaos;

/// <summary>An open failure as <c>GET /api/failures</c> lists it, reduced to what reconciliation needs.</summary>
/// <param name="Id">The failed instance id.</param>
/// <param name="BusinessKey">The record it is about (<c>order:1001</c>, <c>shipment:7</c>).</param>
/// <param name="ErrorKind">The taxonomy class.</param>
/// <param name="WhatToFix">The sentence for a person.</param>
internal sealed record ChaosFailure(string Id, string? BusinessKey, string ErrorKind, string WhatToFix)
{
    public static IReadOnlyList<ChaosFailure> Parse(JsonElement list) =>
        [.. list.GetProperty("failures").EnumerateArray().Select(f => new ChaosFailure(
            f.GetProperty("id").GetString()!,
            f.TryGetProperty("businessKey", out var key) && key.ValueKind == JsonValueKind.String ? key.GetString() : null,
            f.TryGetProperty("errorKind", out var kind) ? kind.GetString() ?? string.Empty : string.Empty,
            f.TryGetProperty("whatToFix", out var fix) ? fix.GetString() ?? string.Empty : string.Empty))];
}
