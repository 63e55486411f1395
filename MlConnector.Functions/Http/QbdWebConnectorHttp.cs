using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using MlConnector.Core.Connectors.QuickBooksDesktop.WebConnector;
using MlConnector.Functions.Workflows;

namespace MlConnector.Functions.Http;

/// <summary>
/// <c>POST /api/qbwc</c> (and <c>GET /api/qbwc?wsdl</c>), anonymous: the QuickBooks Web Connector's SOAP endpoint, whose
/// credential is the connection's QBWC password checked by <c>authenticate</c>. SoapCore is ASP.NET Core middleware, which
/// the isolated worker does not run, so the raw envelope goes to Core's <see cref="QuickBooksWebConnectorSoapEndpoint"/>,
/// which dispatches it to the same <see cref="QuickBooksWebConnectorService"/> the standalone host serves through SoapCore
/// (same contract, same XmlSerializer shapes). Built over this invocation's Durable client, because an answer raises the
/// waiting orchestration's event.
/// </summary>
/// <param name="services">Builds the endpoint over this invocation's Durable client.</param>
public sealed class QbdWebConnectorHttp(DurableClientServices services)
{
    [Function(nameof(QbdWebConnectorHttp))]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "qbwc")] HttpRequest request,
        [DurableClient] DurableTaskClient durableClient,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return services.Resolve<QuickBooksWebConnectorSoapEndpoint>(durableClient).HandleAsync(request, cancellationToken);
    }
}
