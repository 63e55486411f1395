using Microsoft.AspNetCore.Http;
using MlConnector.Core.Connections;
using MlConnector.Core.Integrations.ShipStationQbo.Workflows;
using MlConnector.Core.Workflows;

namespace MlConnector.Core.Integrations.ShipStationQbo;

/// <summary>
/// The operator routes of a backfill, shared by both hosts: <c>POST /api/connections/{id}/backfill</c> with
/// <c>{"since":"2026-01-01"}</c> (ISO 8601 date or time, UTC when no offset is given; optional <c>pageSize</c>, default and
/// at most 500) starts
/// <see cref="ShipStationQboBackfillWorkflow"/> (202, or 200 when that backfill already exists), and
/// <c>GET /api/connections/{id}/backfill</c> answers the recorded progress (<see cref="BackfillProgress"/>) with the
/// workflow's status.
/// </summary>
/// <param name="connections">The connection store.</param>
/// <param name="backfill">Reads the progress row.</param>
/// <param name="workflows">Starts and reads the backfill workflow.</param>
/// <param name="timeProvider">The clock (a start time in the future is refused).</param>
public sealed class ShipStationQboBackfillApi(IConnectionStore connections, ShipStationQboBackfill backfill, IWorkflowClient workflows, TimeProvider timeProvider)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>Starts a backfill of the connection's orders modified since the body's <c>since</c>.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="request">The request with the JSON body.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>202 (started) or 200 (already exists) with <c>{instanceId, connectionId, sinceUtc}</c>; 400 for a bad body; 404 for an unknown connection.</returns>
    public async Task<IResult> StartAsync(string connectionId, HttpRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await connections.GetAsync(connectionId, cancellationToken) is not { } connection)
        {
            return Results.Problem($"Connection '{connectionId}' does not exist.", statusCode: StatusCodes.Status404NotFound);
        }

        if (connection.Kind != IntegrationKinds.ShipStationQbo)
        {
            return Results.Problem($"Connection '{connectionId}' is a {connection.Kind} connection; backfill syncs ShipStation orders to QBO.", statusCode: StatusCodes.Status400BadRequest);
        }

        DateTimeOffset since;
        var pageSize = Connectors.ShipStation.ShipStationOrderQuery.MaxPageSize;
        try
        {
            using var body = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
            if (!body.RootElement.TryGetProperty("since", out var value) || value.GetString() is not { } text
                || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out since))
            {
                return Results.Problem("The body must be {\"since\": \"<ISO 8601 date or time>\"}.", statusCode: StatusCodes.Status400BadRequest);
            }

            if (body.RootElement.TryGetProperty("pageSize", out var size) && (!size.TryGetInt32(out pageSize) || pageSize is < 1 or > Connectors.ShipStation.ShipStationOrderQuery.MaxPageSize))
            {
                return Results.Problem($"pageSize must be 1 to {Connectors.ShipStation.ShipStationOrderQuery.MaxPageSize}.", statusCode: StatusCodes.Status400BadRequest);
            }
        }
        catch (JsonException)
        {
            return Results.Problem("The body is not JSON; send {\"since\": \"<ISO 8601 date or time>\"}.", statusCode: StatusCodes.Status400BadRequest);
        }

        if (since > timeProvider.GetUtcNow())
        {
            return Results.Problem("since is in the future.", statusCode: StatusCodes.Status400BadRequest);
        }

        var instanceId = ShipStationQboKeys.BackfillInstance(connectionId, since);
        var started = await workflows.StartAsync(nameof(ShipStationQboBackfillWorkflow), instanceId, new BackfillInput(connectionId, since, pageSize), cancellationToken);
        return Results.Json(new { instanceId, connectionId, sinceUtc = since, duplicate = started.IsDuplicate }, Json, statusCode: started.IsDuplicate ? StatusCodes.Status200OK : StatusCodes.Status202Accepted);
    }

    /// <summary>The connection's last backfill: its progress row and its workflow's status.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>200 with <c>{progress, instanceId, runtimeStatus, failure}</c>, or 404 when the connection was never backfilled.</returns>
    public async Task<IResult> GetAsync(string connectionId, CancellationToken cancellationToken = default)
    {
        if (await backfill.ReadAsync(connectionId, cancellationToken) is not { } progress)
        {
            return Results.Problem($"Connection '{connectionId}' has no backfill.", statusCode: StatusCodes.Status404NotFound);
        }

        var instanceId = ShipStationQboKeys.BackfillInstance(connectionId, progress.SinceUtc);
        var status = await workflows.GetStatusAsync(instanceId, cancellationToken);
        return Results.Json(new { progress, instanceId, runtimeStatus = status?.RuntimeStatus, failure = status?.Failure?.Message }, Json);
    }
}
