using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.QuickBooksDesktop;
using MlConnector.Core.Connectors.QuickBooksDesktop.WebConnector;
using MlConnector.Core.Operations;

namespace MlConnector.Core.Integrations.QbdShipStation;

/// <summary>
/// The <c>qbd-shipstation</c> operator routes, shared by both hosts: <c>GET /api/connections/{id}/qwc</c> (the Web
/// Connector file to give the merchant) and <c>GET /api/connections/{id}/inventory</c> (the last inventory reconciliation).
/// </summary>
/// <param name="connections">The connection store.</param>
/// <param name="inventory">The inventory reports.</param>
/// <param name="publicEndpoint">Where QBWC reaches this host (<c>PublicEndpoint:BaseUrl</c>); else the request's own host.</param>
/// <param name="options">The Web Connector options (OwnerID).</param>
public sealed class QbdShipStationApi(IConnectionStore connections, QbdInventoryStore inventory, IOptions<PublicEndpointOptions> publicEndpoint, IOptions<QuickBooksWebConnectorOptions> options)
{
    /// <summary>The connection's <c>.qwc</c> file (<c>application/xml</c>, as an attachment named <c>{id}.qwc</c>); it holds no password.</summary>
    /// <param name="id">The connection id.</param>
    /// <param name="request">The request (its host is the AppURL's when <c>PublicEndpoint:BaseUrl</c> is not set).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>200 with the file, 404 for an unknown or non-QBD connection, 400 when the endpoint is not HTTPS (and not localhost) or the user name is missing.</returns>
    public async Task<IResult> GetQwcAsync(string id, HttpRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await connections.GetAsync(id, cancellationToken) is not { Kind: IntegrationKinds.QbdShipStation } connection)
        {
            return ConnectionsApi.NotFound(id);
        }

        var baseUrl = publicEndpoint.Value.BaseUrl ?? new Uri($"{request.Scheme}://{request.Host}/");
        var endpoint = new Uri(baseUrl, QuickBooksDesktopServiceCollectionExtensions.EndpointPath.TrimStart('/'));
        var ownerId = options.Value.OwnerId ?? QuickBooksWebConnectorFile.FileId("owner:" + endpoint.Host);
        try
        {
            var file = QuickBooksWebConnectorFile.Create(connection, endpoint, ownerId);
            return Results.File(Encoding.UTF8.GetBytes(file), "application/xml", id + ".qwc");
        }
        catch (ArgumentException ex)
        {
            return ConnectionsApi.Problem(StatusCodes.Status400BadRequest, ex.Message, [new ConnectionProblem("qwc", "configure PublicEndpoint:BaseUrl with an HTTPS URL and set settings.qbd.qbwcUserName")]);
        }
    }

    /// <summary>The connection's last inventory reconciliation.</summary>
    /// <param name="id">The connection id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>200 with <see cref="QbdInventoryReport"/> (a null <c>checkedUtc</c> before the first run), or 404.</returns>
    public async Task<IResult> GetInventoryAsync(string id, CancellationToken cancellationToken = default) =>
        await connections.GetAsync(id, cancellationToken) is { Kind: IntegrationKinds.QbdShipStation }
            ? Results.Json(await inventory.GetAsync(id, cancellationToken), new JsonSerializerOptions(JsonSerializerDefaults.Web))
            : ConnectionsApi.NotFound(id);
}
