using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using MlConnector.Core.Connections;
using MlConnector.Core.Secrets;

namespace MlConnector.Core.Operations;

/// <summary>
/// The operator API that writes secrets through the host into its <see cref="ISecretStore"/> (Key Vault in Azure, the
/// encrypted local store under <c>serve</c>), shared by both hosts:
/// <c>PUT /api/connections/{id}/secrets/{name}</c> stores <c>conn-{id}-{name}</c> (for example
/// <c>shipstation-api-key</c>, <c>shipstation-api-secret</c>, <c>ups-merchant-id</c>);
/// <c>PUT /api/secrets/{name}</c> stores an app-wide secret (for example the OAuth client secrets named by
/// <c>OAuth:Providers:{provider}:ClientSecretName</c>). The body is <c>{"value": "..."}</c>; the answer is 204.
/// </summary>
/// <remarks>
/// The value is never echoed, logged, audited or put in a problem detail; the audit row says who set which name.
/// Secrets can be written, never read, through this API. The operator token's own secret cannot be written here.
/// </remarks>
/// <param name="connections">The connection store.</param>
/// <param name="secrets">The secret store.</param>
/// <param name="operatorAudit">Records who set which secret.</param>
/// <param name="options">The operator access options (the token's secret name).</param>
public sealed class SecretsApi(IConnectionStore connections, ISecretStore secrets, OperatorAudit operatorAudit, IOptions<OperatorAccessOptions> options)
{
    /// <summary>The audit trail's connection id for app-wide secrets.</summary>
    public const string AppAuditId = "app";

    /// <summary>PUT connections/{id}/secrets/{name}.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="name">The secret's purpose, letters, digits and hyphens.</param>
    /// <param name="request">The request with <c>{"value": "..."}</c>.</param>
    /// <param name="identity">The operator.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>204, 400 naming the bad field, or 404 when the connection does not exist.</returns>
    public async Task<IResult> SetConnectionSecretAsync(string connectionId, string name, HttpRequest request, OperatorIdentity identity, CancellationToken cancellationToken = default)
    {
        var fullName = $"conn-{connectionId}-{name}";
        if (!SecretName.IsValid(name) || !SecretName.IsValid(fullName))
        {
            return ConnectionsApi.Problem(StatusCodes.Status400BadRequest, "Invalid secret name.", [new ConnectionProblem("name", "use letters, digits and hyphens; with the connection id at most 127 characters")]);
        }

        if (await connections.GetAsync(connectionId, cancellationToken) is null)
        {
            return ConnectionsApi.NotFound(connectionId);
        }

        return await StoreAsync(connectionId, fullName, name, request, identity, cancellationToken);
    }

    /// <summary>PUT secrets/{name}: an app-wide secret.</summary>
    /// <param name="name">The secret name; not <c>conn-…</c> (those belong to connections) nor the operator token's.</param>
    /// <param name="request">The request with <c>{"value": "..."}</c>.</param>
    /// <param name="identity">The operator.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>204 or 400 naming the bad field.</returns>
    public async Task<IResult> SetAppSecretAsync(string name, HttpRequest request, OperatorIdentity identity, CancellationToken cancellationToken = default)
    {
        if (!SecretName.IsValid(name)
            || name.StartsWith("conn-", StringComparison.OrdinalIgnoreCase)
            || string.Equals(name, options.Value.TokenSecretName, StringComparison.OrdinalIgnoreCase))
        {
            return ConnectionsApi.Problem(StatusCodes.Status400BadRequest, "Invalid secret name.", [new ConnectionProblem("name", "use letters, digits and hyphens; connection secrets go to connections/{id}/secrets/{name}; the operator token cannot be set")]);
        }

        return await StoreAsync(AppAuditId, name, name, request, identity, cancellationToken);
    }

    private async Task<IResult> StoreAsync(string auditId, string fullName, string name, HttpRequest request, OperatorIdentity identity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        string? value = null;
        try
        {
            using var body = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
            if (body.RootElement.ValueKind == JsonValueKind.Object
                && body.RootElement.TryGetProperty("value", out var element)
                && element.ValueKind == JsonValueKind.String)
            {
                value = element.GetString();
            }
        }
        catch (JsonException)
        {
            // The parser's message may quote the body, which holds the secret: say only that it is not JSON.
            return ConnectionsApi.Problem(StatusCodes.Status400BadRequest, "The body is not JSON.", [new ConnectionProblem("value", "send {\"value\": \"...\"}")]);
        }

        if (string.IsNullOrEmpty(value))
        {
            return ConnectionsApi.Problem(StatusCodes.Status400BadRequest, "The secret value is missing.", [new ConnectionProblem("value", "must be a non-empty string")]);
        }

        if (Encoding.UTF8.GetByteCount(value) > LocalSecretStore.MaxValueBytes)
        {
            return ConnectionsApi.Problem(StatusCodes.Status400BadRequest, "The secret value is too long.", [new ConnectionProblem("value", $"at most {LocalSecretStore.MaxValueBytes} bytes")]);
        }

        await secrets.SetAsync(fullName, value, cancellationToken);
        await operatorAudit.RecordAsync(auditId, "secret.set", identity, $"secret '{name}' set", cancellationToken: cancellationToken);
        return Results.NoContent();
    }
}
