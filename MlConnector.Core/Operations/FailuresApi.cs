using Microsoft.AspNetCore.Http;
using MlConnector.Core.Failures;

namespace MlConnector.Core.Operations;

/// <summary>
/// The operator HTTP API over the failure queue (<see cref="FailureTriage"/>), shared by both hosts:
/// <c>GET /api/failures?connectionId=&amp;kind=&amp;since=</c> → 200 <c>{"failures":[…]}</c>;
/// <c>POST /api/failures/replay</c> with <c>{"ids":[…]}</c> or <c>{"allFailed":true,"connectionId":…,"kind":…}</c> →
/// 200 <c>{"results":[{"id","replayInstanceId","outcome","detail"}]}</c>, each failure replayed once;
/// <c>POST /api/failures/{id}/dismiss</c> with <c>{"reason":"…"}</c> → 200, or 404 when no failed instance has the id.
/// Errors are RFC 9457 problem details.
/// </summary>
/// <param name="queue">The failure queue.</param>
public sealed class FailuresApi(FailureTriage queue)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>GET failures.</summary>
    /// <param name="connectionId">Only this connection's.</param>
    /// <param name="kind">An error kind name or a who-fixes value.</param>
    /// <param name="since">ISO 8601 time; only failures at or after it.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>200 with the failures, newest first; 400 for a bad <c>since</c>.</returns>
    public async Task<IResult> ListAsync(string? connectionId, string? kind, string? since, CancellationToken cancellationToken = default)
    {
        DateTimeOffset? from = null;
        if (!string.IsNullOrEmpty(since))
        {
            if (!DateTimeOffset.TryParse(since, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
            {
                return Results.Problem($"since: '{since}' is not an ISO 8601 time.", statusCode: StatusCodes.Status400BadRequest);
            }

            from = parsed;
        }

        var failures = await queue.ListAsync(NullIfEmpty(connectionId), NullIfEmpty(kind), from, cancellationToken);
        return Results.Json(new { failures }, Json);
    }

    /// <summary>POST failures/replay.</summary>
    /// <param name="request">The request: <c>{"ids":[…]}</c> or <c>{"allFailed":true,"connectionId":?,"kind":?}</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>200 with one result per distinct id; 400 for a body that asks for neither.</returns>
    public async Task<IResult> ReplayAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        List<string> ids;
        try
        {
            using var body = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
            var root = body.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("ids", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                ids = [.. list.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).Where(s => s.Length > 0)];
                if (ids.Count == 0)
                {
                    return Results.Problem("ids: give at least one failed instance id.", statusCode: StatusCodes.Status400BadRequest);
                }
            }
            else if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("allFailed", out var all) && all.ValueKind == JsonValueKind.True)
            {
                var failures = await queue.ListAsync(StringOf(root, "connectionId"), StringOf(root, "kind"), cancellationToken: cancellationToken);
                ids = [.. failures.OrderBy(f => f.FailedAt).Select(f => f.Id)];
            }
            else
            {
                return Results.Problem("The body must be {\"ids\":[…]} or {\"allFailed\":true}.", statusCode: StatusCodes.Status400BadRequest);
            }
        }
        catch (JsonException)
        {
            return Results.Problem("The body is not JSON.", statusCode: StatusCodes.Status400BadRequest);
        }

        var results = await queue.ReplayAsync(ids, OperatorActor.Of(request.HttpContext), cancellationToken);
        return Results.Json(new { results }, Json);
    }

    /// <summary>POST failures/{id}/dismiss.</summary>
    /// <param name="id">The failed instance id.</param>
    /// <param name="request">The request: <c>{"reason":"…"}</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>200 <c>{"id","dismissed":true,"reason"}</c>; 400 without a reason; 404 when no failed instance has the id.</returns>
    public async Task<IResult> DismissAsync(string id, HttpRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        string? reason;
        try
        {
            using var body = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
            reason = body.RootElement.ValueKind == JsonValueKind.Object ? StringOf(body.RootElement, "reason")?.Trim() : null;
        }
        catch (JsonException)
        {
            return Results.Problem("The body is not JSON.", statusCode: StatusCodes.Status400BadRequest);
        }

        if (string.IsNullOrEmpty(reason))
        {
            return Results.Problem("reason: say why the failure is dismissed.", statusCode: StatusCodes.Status400BadRequest);
        }

        return await queue.DismissAsync(id, reason, OperatorActor.Of(request.HttpContext), cancellationToken)
            ? Results.Json(new { id, dismissed = true, reason }, Json)
            : Results.Problem($"No failed workflow instance '{id}'.", statusCode: StatusCodes.Status404NotFound);
    }

    private static string? StringOf(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } s ? s : null;

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
