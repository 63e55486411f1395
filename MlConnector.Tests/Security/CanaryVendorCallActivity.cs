using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using MlConnector.Core.Audit;
using MlConnector.Core.Errors;
using MlConnector.Core.Secrets;
using MlConnector.Core.Workflows;

namespace MlConnector.Tests.Security;

/// <summary>Reads the connection's API secret and calls a vendor that refuses it and echoes the credential back.</summary>
public sealed class CanaryVendorCallActivity(ISecretStore secrets, HttpErrorMapper errors, IAuditTrail audit, ILogger<CanaryVendorCallActivity> logger)
    : IWorkflowActivity<CanaryInput, string>
{
    public string Name => nameof(CanaryVendorCallActivity);

    public async Task<string> RunAsync(WorkflowActivityContext context, CanaryInput input, CancellationToken cancellationToken = default)
    {
        var secret = await secrets.GetAsync(SecretName.For(input.ConnectionId, "shipstation-api-secret"), cancellationToken);
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, input.VendorUrl);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("key:" + secret)));
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return "ok";
        }

        var error = await errors.MapAsync("shipstation", response, cancellationToken);
        await audit.WriteAsync(
            new AuditRecord(input.ConnectionId, "shipstation.orders.list", AuditOutcome.Failed)
            {
                WorkflowInstanceId = context.InstanceId,
                BusinessKey = input.OrderNumber,
                ErrorKind = error.Kind,
                Detail = error.Message + " " + error.VendorErrorBody,
            },
            cancellationToken);
        CanaryLog.VendorRefused(logger, error, input.OrderNumber);
        throw error;
    }
}
