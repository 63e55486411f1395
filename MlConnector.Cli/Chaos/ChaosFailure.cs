namespace MlConnector.Cli.Chaos;

/// <summary>An open failure as <c>GET /api/failures</c> lists it, reduced to what reconciliation and the report need.</summary>
/// <param name="Id">The failed instance id.</param>
/// <param name="BusinessKey">The record it is about (<c>order:1001</c>, <c>shipment:7</c>).</param>
/// <param name="ErrorKind">The taxonomy class.</param>
/// <param name="WhatToFix">The sentence for a person.</param>
internal sealed record ChaosFailure(string Id, string? BusinessKey, string ErrorKind, string WhatToFix)
{
    /// <summary>The failed workflow's name (<c>FailureRecord.Workflow</c>); empty when the route did not say.</summary>
    public string Workflow { get; init; } = string.Empty;

    /// <summary>
    /// The failure's full message (<c>FailureRecord.Detail</c>: which step threw what), so a failure of kind <c>Unknown</c>
    /// can be traced from the report alone; empty when the route did not say.
    /// </summary>
    public string Detail { get; init; } = string.Empty;

    public static IReadOnlyList<ChaosFailure> Parse(JsonElement list) =>
        [.. list.GetProperty("failures").EnumerateArray().Select(f => new ChaosFailure(
            f.GetProperty("id").GetString()!,
            f.TryGetProperty("businessKey", out var key) && key.ValueKind == JsonValueKind.String ? key.GetString() : null,
            Text(f, "errorKind"),
            Text(f, "whatToFix"))
        {
            Workflow = Text(f, "workflow"),
            Detail = Text(f, "detail"),
        })];

    private static string Text(JsonElement failure, string name) =>
        failure.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? string.Empty : string.Empty;
}
