using Microsoft.AspNetCore.Http;
using MlConnector.Core.Audit;
using MlConnector.Core.Connections;
using MlConnector.Core.Errors;
using MlConnector.Core.Workflows;

namespace MlConnector.Core.Operations;

/// <summary>
/// The operator HTTP API over connections and their audit trail, shared by both hosts: the standalone host maps
/// these handlers to routes, the Functions app calls them from HTTP triggers (function-key protected).
/// </summary>
/// <remarks>
/// Routes (under <c>/api</c>): <c>GET connections</c>, <c>POST connections</c>, <c>GET connections/{id}</c>,
/// <c>PUT connections/{id}</c> (with <c>If-Match</c> or <c>version</c> in the body), <c>POST connections/{id}/pause</c>,
/// <c>POST connections/{id}/resume</c>, <c>DELETE connections/{id}</c>,
/// <c>GET connections/{id}/audit?from=&amp;to=&amp;businessKey=&amp;outcome=&amp;operation=&amp;limit=</c>.
/// Errors are RFC 9457 problem details; a validation problem lists every field. Every change is audited with the
/// operator who made it (<see cref="OperatorAudit"/>).
/// </remarks>
/// <param name="connections">The connection store.</param>
/// <param name="audit">The audit trail.</param>
/// <param name="operatorAudit">Records operator actions.</param>
/// <param name="timeProvider">The clock (default audit window: the last 7 days).</param>
/// <param name="workflows">The workflow client: resume runs the work held while paused.</param>
public sealed class ConnectionsApi(IConnectionStore connections, IAuditTrail audit, OperatorAudit operatorAudit, TimeProvider timeProvider, IWorkflowClient workflows)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>GET connections[?kind=].</summary>
    /// <param name="kind">An integration kind to filter by.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>200 with the connections.</returns>
    public async Task<IResult> ListAsync(string? kind, CancellationToken cancellationToken = default) =>
        Results.Json(await connections.ListAsync(kind, cancellationToken), Json);

    /// <summary>GET connections/{id}.</summary>
    /// <param name="id">The connection id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>200 with the connection, or 404.</returns>
    public async Task<IResult> GetAsync(string id, CancellationToken cancellationToken = default) =>
        await connections.GetAsync(id, cancellationToken) is { } c ? Results.Json(c, Json) : NotFound(id);

    /// <summary>POST connections with a connection document.</summary>
    /// <param name="request">The request whose body is the connection.</param>
    /// <param name="identity">The operator.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>201 with the stored connection, 400 listing every invalid field.</returns>
    public Task<IResult> CreateAsync(HttpRequest request, OperatorIdentity identity, CancellationToken cancellationToken = default) =>
        HandleAsync(
            request,
            async connection =>
            {
                var created = await connections.CreateAsync(connection, cancellationToken);
                await operatorAudit.RecordAsync(created.Id, "connection.create", identity, $"kind {created.Kind}", cancellationToken: cancellationToken);
                return Results.Json(created, Json, statusCode: StatusCodes.Status201Created);
            },
            cancellationToken);

    /// <summary>PUT connections/{id} with a connection document.</summary>
    /// <param name="id">The connection id (must match the body's).</param>
    /// <param name="request">The request.</param>
    /// <param name="identity">The operator.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>200, 400, 404, or 409 when the version is stale.</returns>
    public Task<IResult> UpdateAsync(string id, HttpRequest request, OperatorIdentity identity, CancellationToken cancellationToken = default) =>
        HandleAsync(
            request,
            async connection =>
            {
                if (connection.Id != id)
                {
                    return Problem(StatusCodes.Status400BadRequest, "The body's id does not match the URL.", [new ConnectionProblem("id", $"must be '{id}'")]);
                }

                var ifMatch = request.Headers.IfMatch.ToString();
                var versioned = string.IsNullOrEmpty(ifMatch) ? connection : connection with { Version = ifMatch };
                var updated = await connections.UpdateAsync(versioned, cancellationToken);
                await operatorAudit.RecordAsync(id, "connection.update", identity, cancellationToken: cancellationToken);
                return Results.Json(updated, Json);
            },
            cancellationToken);

    /// <summary>POST connections/{id}/pause[?reason=].</summary>
    /// <param name="id">The connection id.</param>
    /// <param name="reason">Why.</param>
    /// <param name="identity">The operator.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>200 with the paused connection, or 404.</returns>
    public async Task<IResult> PauseAsync(string id, string? reason, OperatorIdentity identity, CancellationToken cancellationToken = default)
    {
        try
        {
            var why = reason ?? "paused by an operator";
            var paused = await connections.PauseAsync(id, why, cancellationToken);
            await operatorAudit.RecordAsync(id, "connection.pause", identity, why, cancellationToken: cancellationToken);
            return Results.Json(paused, Json);
        }
        catch (KeyNotFoundException)
        {
            return NotFound(id);
        }
    }

    /// <summary>
    /// POST connections/{id}/resume: resumes the connection, then runs the work held while it was paused once, in arrival
    /// order (<see cref="IWorkflowClient.ReleaseHeldAsync"/>); what a release leaves (an instance still stopping) the
    /// <c>HeldWorkRelease</c> schedule runs.
    /// </summary>
    /// <param name="id">The connection id.</param>
    /// <param name="identity">The operator.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>200 with the resumed connection and <c>released</c> (<see cref="HeldWorkRelease"/>), or 404.</returns>
    public async Task<IResult> ResumeAsync(string id, OperatorIdentity identity, CancellationToken cancellationToken = default)
    {
        try
        {
            var resumed = await connections.ResumeAsync(id, cancellationToken);
            await operatorAudit.RecordAsync(id, "connection.resume", identity, cancellationToken: cancellationToken);
            var released = await workflows.ReleaseHeldAsync(id, cancellationToken);
            var body = JsonSerializer.SerializeToNode(resumed, Json)!.AsObject();
            body["released"] = JsonSerializer.SerializeToNode(released, Json);
            return Results.Json(body, Json);
        }
        catch (KeyNotFoundException)
        {
            return NotFound(id);
        }
    }

    /// <summary>DELETE connections/{id}: removes the connection; its audit trail stays, and so do its secrets (delete them in the store).</summary>
    /// <param name="id">The connection id.</param>
    /// <param name="identity">The operator.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>204, or 404.</returns>
    public async Task<IResult> DeleteAsync(string id, OperatorIdentity identity, CancellationToken cancellationToken = default)
    {
        try
        {
            if (!await connections.DeleteAsync(id, cancellationToken))
            {
                return NotFound(id);
            }
        }
        catch (ConnectorException ex) when (ex.Kind == ErrorKind.Conflict)
        {
            return Problem(StatusCodes.Status409Conflict, ex.Message, []);
        }

        await operatorAudit.RecordAsync(id, "connection.delete", identity, cancellationToken: cancellationToken);
        return Results.NoContent();
    }

    /// <summary>GET connections/{id}/audit.</summary>
    /// <param name="id">The connection id.</param>
    /// <param name="query">The query string: <c>from</c>, <c>to</c> (ISO 8601, UTC; default the last 7 days),
    /// <c>businessKey</c>, <c>outcome</c>, <c>operation</c>, <c>workflowInstanceId</c>, <c>limit</c> (default 200, at most 5000).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>200 with the records newest first (none for an unknown id: a deleted connection's trail stays readable), or 400 naming a bad parameter or an id no connection can have.</returns>
    public async Task<IResult> QueryAuditAsync(string id, IQueryCollection query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var now = timeProvider.GetUtcNow();
        var problems = new List<ConnectionProblem>();
        if (!ConnectionValidator.IsValidId(id) && id != Intake.QuickBooksOnline.QboEventsNames.UnroutedAuditPartition)
        {
            // A deleted connection's trail stays readable, so an unknown id is not refused; one no connection can have is.
            problems.Add(new("id", "must be a connection id: 3 to 63 lowercase letters, digits and hyphens"));
        }

        var to = ParseTime(query, "to", now, problems);
        var from = ParseTime(query, "from", to.AddDays(-7), problems);
        AuditOutcome? outcome = null;
        if (query.TryGetValue("outcome", out var o) && !string.IsNullOrEmpty(o))
        {
            if (Enum.TryParse<AuditOutcome>(o, ignoreCase: true, out var parsed))
            {
                outcome = parsed;
            }
            else
            {
                problems.Add(new("outcome", $"must be one of {string.Join(", ", Enum.GetNames<AuditOutcome>())}"));
            }
        }

        var limit = 200;
        if (query.TryGetValue("limit", out var l) && (!int.TryParse(l, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > 5000))
        {
            problems.Add(new("limit", "must be a number from 1 to 5000"));
        }

        if (to <= from)
        {
            problems.Add(new("to", "must be after from"));
        }

        if (problems.Count > 0)
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid audit query.", problems);
        }

        var records = await audit.QueryAsync(
            new AuditQuery(id, from, to)
            {
                BusinessKey = NullIfEmpty(query["businessKey"]),
                Operation = NullIfEmpty(query["operation"]),
                WorkflowInstanceId = NullIfEmpty(query["workflowInstanceId"]),
                Outcome = outcome,
                Limit = limit,
            },
            cancellationToken);
        return Results.Json(records, Json);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static DateTimeOffset ParseTime(IQueryCollection query, string name, DateTimeOffset fallback, List<ConnectionProblem> problems)
    {
        if (!query.TryGetValue(name, out var value) || string.IsNullOrEmpty(value))
        {
            return fallback;
        }

        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            return parsed;
        }

        problems.Add(new(name, $"'{value}' is not an ISO 8601 time"));
        return fallback;
    }

    private static async Task<IResult> HandleAsync(HttpRequest request, Func<Connection, Task<IResult>> action, CancellationToken cancellationToken)
    {
        Connection? connection;
        try
        {
            connection = await JsonSerializer.DeserializeAsync<Connection>(request.Body, Json, cancellationToken);
        }
        catch (JsonException ex)
        {
            return Problem(StatusCodes.Status400BadRequest, "The body is not a connection document: " + ex.Message, []);
        }

        if (connection is null)
        {
            return Problem(StatusCodes.Status400BadRequest, "The body is empty.", []);
        }

        try
        {
            return await action(connection);
        }
        catch (ConnectionValidationException ex)
        {
            return Problem(StatusCodes.Status400BadRequest, ex.Message, ex.Problems);
        }
        catch (KeyNotFoundException)
        {
            return NotFound(connection.Id);
        }
        catch (ConnectorException ex) when (ex.Kind == ErrorKind.Conflict)
        {
            return Problem(StatusCodes.Status409Conflict, ex.Message, []);
        }
    }

    /// <summary>The 404 problem of a connection that does not exist.</summary>
    /// <param name="id">The connection id.</param>
    /// <returns>The problem result.</returns>
    internal static IResult NotFound(string id) => Problem(StatusCodes.Status404NotFound, $"Connection '{id}' does not exist.", []);

    /// <summary>An RFC 9457 problem with the invalid fields under <c>problems</c>.</summary>
    /// <param name="status">The status code.</param>
    /// <param name="detail">The detail.</param>
    /// <param name="problems">The invalid fields.</param>
    /// <returns>The problem result.</returns>
    internal static IResult Problem(int status, string detail, IReadOnlyList<ConnectionProblem> problems) =>
        Results.Problem(
            detail: detail,
            statusCode: status,
            extensions: problems.Count == 0 ? null : new Dictionary<string, object?> { ["problems"] = problems });
}
