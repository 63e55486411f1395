using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using MlConnector.Core.Connections;
using MlConnector.Core.Errors;
using MlConnector.Core.Intake.FreshBooks;
using MlConnector.Core.Intake.ShipStation;
using MlConnector.Core.Integrations.ShipStationQbo;

namespace MlConnector.Core.Operations;

/// <summary>
/// <c>POST /api/connections/{id}/webhooks/register</c>, shared by both hosts: registers the connection's vendor webhooks
/// through the vendor's API where one exists (ShipStation V1, <see cref="ShipStationWebhookRegistration"/>) with a
/// fresh URL secret; FreshBooks callbacks for a connection with a FreshBooks side, <see cref="FreshBooksCallbackRegistration"/>). The body may name the public base URL, <c>{"publicBaseUrl": "https://…/"}</c>; otherwise
/// <see cref="PublicEndpointOptions.BaseUrl"/> is used. QuickBooks Online webhooks are set in the Intuit developer
/// portal (one endpoint per app, docs/connectors); UPS Track Alert subscriptions are made per tracking number by the flow.
/// </summary>
/// <param name="shipStation">The ShipStation registration.</param>
/// <param name="operatorAudit">Records who registered.</param>
/// <param name="options">The public endpoint.</param>
/// <param name="freshBooks">The FreshBooks callback registration.</param>
/// <param name="connections">The connection store (which vendor a connection registers with).</param>
public sealed class WebhooksApi(ShipStationWebhookRegistration shipStation, OperatorAudit operatorAudit, IOptions<PublicEndpointOptions> options, FreshBooksCallbackRegistration freshBooks, IConnectionStore connections)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Registers the webhooks of one connection.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="request">The request (optional body <c>{"publicBaseUrl": "..."}</c>).</param>
    /// <param name="identity">The operator.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>200 with <see cref="ShipStationWebhookRegistrationResult"/>, 400 naming the field to fix, 404, or 502 when the vendor refuses.</returns>
    public async Task<IResult> RegisterAsync(string connectionId, HttpRequest request, OperatorIdentity identity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var baseUrl = options.Value.BaseUrl;
        try
        {
            using var reader = new StreamReader(request.Body);
            var text = await reader.ReadToEndAsync(cancellationToken);
            if (!string.IsNullOrWhiteSpace(text))
            {
                using var body = JsonDocument.Parse(text);
                if (body.RootElement.ValueKind == JsonValueKind.Object && body.RootElement.TryGetProperty("publicBaseUrl", out var named))
                {
                    baseUrl = Uri.TryCreate(named.GetString(), UriKind.Absolute, out var parsed) && parsed.Scheme is "https" or "http" ? parsed : null;
                    if (baseUrl is null)
                    {
                        return ConnectionsApi.Problem(StatusCodes.Status400BadRequest, "Invalid public base URL.", [new ConnectionProblem("publicBaseUrl", "must be an absolute http(s) URL")]);
                    }
                }
            }
        }
        catch (JsonException)
        {
            return ConnectionsApi.Problem(StatusCodes.Status400BadRequest, "The body is not JSON.", [new ConnectionProblem("publicBaseUrl", "send {\"publicBaseUrl\": \"https://…/\"} or no body")]);
        }

        if (baseUrl is null)
        {
            return ConnectionsApi.Problem(StatusCodes.Status400BadRequest, "Where vendors reach this host is not known.", [new ConnectionProblem("publicBaseUrl", $"send it, or configure {PublicEndpointOptions.SectionName}:BaseUrl")]);
        }

        if (await connections.GetAsync(connectionId, cancellationToken) is { } connection && connection.GetSetting("freshbooks", "accountId") is not null
            && IntegrationKinds.All.TryGetValue(connection.Kind, out var kind) && kind.Systems.Any(s => s.Code == "freshbooks"))
        {
            return await RegisterFreshBooksAsync(connectionId, baseUrl, identity, cancellationToken);
        }

        try
        {
            var result = await shipStation.RegisterAsync(connectionId, baseUrl, cancellationToken);
            await operatorAudit.RecordAsync(
                connectionId,
                "webhooks.register",
                identity,
                $"ShipStation {string.Join(", ", result.Registered.Select(r => r.Event))} at {baseUrl.AbsoluteUri}; {result.Removed} earlier subscription(s) removed",
                cancellationToken: cancellationToken);
            return Results.Json(result, Json);
        }
        catch (KeyNotFoundException)
        {
            return ConnectionsApi.NotFound(connectionId);
        }
        catch (ConnectionValidationException ex)
        {
            return ConnectionsApi.Problem(StatusCodes.Status400BadRequest, ex.Message, ex.Problems);
        }
        catch (ConnectorException ex)
        {
            return Results.Problem($"ShipStation refused the registration ({ex.Kind}): {ex.Message}", statusCode: StatusCodes.Status502BadGateway);
        }
    }

    private async Task<IResult> RegisterFreshBooksAsync(string connectionId, Uri baseUrl, OperatorIdentity identity, CancellationToken cancellationToken)
    {
        try
        {
            var result = await freshBooks.RegisterAsync(connectionId, baseUrl, cancellationToken);
            await operatorAudit.RecordAsync(connectionId, "webhooks.register", identity, $"FreshBooks {string.Join(", ", result.Registered.Select(r => r.Event))} at {result.Uri}; {result.Removed} earlier callback(s) removed", cancellationToken: cancellationToken);
            return Results.Json(result, Json);
        }
        catch (ConnectionValidationException ex)
        {
            return ConnectionsApi.Problem(StatusCodes.Status400BadRequest, ex.Message, ex.Problems);
        }
        catch (ConnectorException ex)
        {
            return Results.Problem($"FreshBooks refused the registration ({ex.Kind}): {ex.Message}", statusCode: StatusCodes.Status502BadGateway);
        }
    }
}
