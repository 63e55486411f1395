using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MlConnector.Sandbox.KeyVault;

/// <summary>
/// A stateful, in-process fake of the Azure Key Vault secrets data plane, served over HTTPS on a loopback port so the
/// real <c>Azure.Security.KeyVault.Secrets.SecretClient</c> can talk to it (Azure.Core refuses bearer tokens over plain
/// HTTP, and no Key Vault emulator runs here without Docker).
/// </summary>
/// <remarks>
/// <para>
/// Shapes follow the Key Vault REST API (secrets, 7.x / 2025-07-01):
/// Set Secret <c>PUT /secrets/{name}</c> with <c>{value, contentType?, tags?}</c> → SecretBundle
/// (https://learn.microsoft.com/rest/api/keyvault/secrets/set-secret/set-secret);
/// Get Secret <c>GET /secrets/{name}/{version?}</c> → SecretBundle <c>{value, id, attributes, tags}</c>
/// (https://learn.microsoft.com/rest/api/keyvault/secrets/get-secret/get-secret);
/// Delete Secret <c>DELETE /secrets/{name}</c> → DeletedSecretBundle <c>{recoveryId, deletedDate, scheduledPurgeDate, id, attributes}</c>
/// (https://learn.microsoft.com/rest/api/keyvault/secrets/delete-secret/delete-secret);
/// Get Deleted Secret <c>GET /deletedsecrets/{name}</c> and Recover Deleted Secret <c>POST /deletedsecrets/{name}/recover</c>
/// (https://learn.microsoft.com/rest/api/keyvault/secrets/recover-deleted-secret/recover-deleted-secret).
/// Errors are <c>{"error":{"code","message"}}</c>: 404 <c>SecretNotFound</c>; 409 <c>Conflict</c> with inner error
/// <c>ObjectIsDeletedButRecoverable</c> when a soft-deleted name is set again. Times are Unix seconds. Names are
/// case-insensitive, as in Key Vault.
/// </para>
/// <para>
/// Authentication follows Key Vault's challenge protocol: a request without <c>Authorization: Bearer …</c> gets 401
/// with <c>WWW-Authenticate: Bearer authorization="https://login.microsoftonline.com/{tenant}", resource="https://vault.azure.net"</c>,
/// from which the SDK derives the tenant and the scope <c>https://vault.azure.net/.default</c>
/// (https://learn.microsoft.com/azure/key-vault/general/authentication-requests-and-responses). Every other request
/// must carry a bearer token; <see cref="AcceptedToken"/> can pin which one. Tokens are recorded, not validated.
/// </para>
/// </remarks>
public sealed partial class KeyVaultSimulator : IAsyncDisposable
{
    /// <summary>The tenant the challenge names unless another is given.</summary>
    public const string DefaultTenantId = "00000000-0000-4000-8000-00000000c0de";

    /// <summary>The resource the challenge names; the SDK asks for <c>{resource}/.default</c>.</summary>
    public const string Resource = "https://vault.azure.net";

    private const int MaxValueBytes = 25 * 1024;
    private static readonly TimeSpan RetentionPeriod = TimeSpan.FromDays(90);

    private readonly WebApplication _app;
    private readonly X509Certificate2 _certificate;
    private readonly TimeProvider _timeProvider;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, StoredSecret> _secrets = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, DeletedSecret> _deleted = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentQueue<KeyVaultFault> _faults = new();
    private readonly ConcurrentQueue<KeyVaultRecordedRequest> _requests = new();

    private KeyVaultSimulator(WebApplication app, X509Certificate2 certificate, string tenantId, TimeProvider timeProvider)
    {
        _app = app;
        _certificate = certificate;
        TenantId = tenantId;
        _timeProvider = timeProvider;
    }

    /// <summary>The tenant named in the authentication challenge.</summary>
    public string TenantId { get; }

    /// <summary>The vault URI to give <c>SecretClient</c>, for example <c>https://127.0.0.1:54321/</c>.</summary>
    public Uri VaultUri { get; private set; } = null!;

    /// <summary>When set, a bearer token other than this one gets 401 <c>Unauthorized</c>.</summary>
    public string? AcceptedToken { get; set; }

    /// <summary>Every request answered so far, in order.</summary>
    public IReadOnlyList<KeyVaultRecordedRequest> Requests => [.. _requests];

    /// <summary>Starts the simulator on a free loopback port with a fresh self-signed certificate.</summary>
    /// <param name="tenantId">The tenant for the challenge; <see cref="DefaultTenantId"/> when null.</param>
    /// <param name="timeProvider">The clock for secret attributes and the certificate; the system clock when null.</param>
    /// <param name="cancellationToken">Cancels start-up.</param>
    /// <returns>The running simulator; dispose it to stop.</returns>
    public static async Task<KeyVaultSimulator> StartAsync(string? tenantId = null, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        var clock = timeProvider ?? TimeProvider.System;
        var certificate = CreateCertificate(clock);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(KeyVaultSimulator).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        var app = builder.Build();

        var simulator = new KeyVaultSimulator(app, certificate, tenantId ?? DefaultTenantId, clock);
        app.Run(simulator.HandleAsync);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await simulator.DisposeAsync();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("Kestrel did not report the address it bound.");
        simulator.VaultUri = new Uri(address.TrimEnd('/') + "/");
        return simulator;
    }

    /// <summary>
    /// A handler that trusts exactly this simulator's certificate (and nothing else), for
    /// <c>new HttpClientTransport(handler)</c> in <c>SecretClientOptions.Transport</c>.
    /// </summary>
    /// <returns>A new handler; the caller disposes it.</returns>
    public HttpMessageHandler CreateTrustingHandler()
    {
        var expected = _certificate.GetCertHash(HashAlgorithmName.SHA256);
        return new SocketsHttpHandler
        {
            SslOptions =
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                    certificate is not null && CryptographicOperations.FixedTimeEquals(certificate.GetCertHash(HashAlgorithmName.SHA256), expected),
            },
        };
    }

    /// <summary>Makes the next authenticated request fail with <paramref name="fault"/> instead of being served.</summary>
    /// <param name="fault">The failure to return.</param>
    public void EnqueueFault(KeyVaultFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        _faults.Enqueue(fault);
    }

    /// <summary>The latest value of a secret as the vault holds it (not soft-deleted), or null.</summary>
    /// <param name="name">The secret name (case-insensitive).</param>
    /// <returns>The value, or null.</returns>
    public string? PeekValue(string name)
    {
        lock (_gate)
        {
            return _secrets.TryGetValue(name, out var secret) ? secret.Versions[^1].Value : null;
        }
    }

    /// <summary>How many versions a secret has (live or soft-deleted), or 0.</summary>
    /// <param name="name">The secret name (case-insensitive).</param>
    /// <returns>The version count.</returns>
    public int VersionCount(string name)
    {
        lock (_gate)
        {
            return _secrets.TryGetValue(name, out var live) ? live.Versions.Count
                : _deleted.TryGetValue(name, out var deleted) ? deleted.Secret.Versions.Count
                : 0;
        }
    }

    /// <summary>True when the secret is soft-deleted (recoverable, name reserved).</summary>
    /// <param name="name">The secret name (case-insensitive).</param>
    /// <returns>Whether it is in the deleted state.</returns>
    public bool IsSoftDeleted(string name)
    {
        lock (_gate)
        {
            return _deleted.ContainsKey(name);
        }
    }

    /// <summary>Stops the server and releases the certificate.</summary>
    /// <returns>A task that completes when stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await _app.StopAsync();
        }
        catch (InvalidOperationException)
        {
            // Never started.
        }

        await _app.DisposeAsync();
        _certificate.Dispose();
    }

    private static X509Certificate2 CreateCertificate(TimeProvider clock)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1", "Server Authentication")], false));
        var now = clock.GetUtcNow();
        using var ephemeral = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));

        // Round-trip through PKCS#12 so SslStream can use the private key on every platform.
        return X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pfx), password: null);
    }

    private static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string Scheme = "Bearer ";
        return header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) && header.Length > Scheme.Length
            ? header[Scheme.Length..].Trim()
            : null;
    }

    [GeneratedRegex("^[0-9a-zA-Z-]{1,127}$")]
    private static partial Regex ValidName();

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var token = BearerToken(request);
        var apiVersion = request.Query["api-version"].ToString();
        context.Response.Headers["x-ms-request-id"] = Guid.NewGuid().ToString();
        context.Response.Headers["x-ms-keyvault-service-version"] = "1.9.0.0-sandbox";

        Reply reply;
        if (token is null || (AcceptedToken is not null && token != AcceptedToken))
        {
            context.Response.Headers.WWWAuthenticate =
                $"Bearer authorization=\"https://login.microsoftonline.com/{TenantId}\", resource=\"{Resource}\"";
            reply = Error(HttpStatusCode.Unauthorized, "Unauthorized", token is null
                ? "AKV10000: Request is missing a Bearer or PoP token."
                : "AKV10022: Invalid audience or token.");
        }
        else if (string.IsNullOrEmpty(apiVersion))
        {
            reply = Error(HttpStatusCode.BadRequest, "BadParameter", "The api-version query parameter is required.");
        }
        else if (_faults.TryDequeue(out var fault))
        {
            if (fault.RetryAfter is { } seconds)
            {
                context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            reply = Error((HttpStatusCode)fault.StatusCode, fault.ErrorCode, fault.Message);
        }
        else
        {
            reply = await RouteAsync(context);
        }

        _requests.Enqueue(new KeyVaultRecordedRequest(request.Method, request.Path.Value ?? "/", apiVersion.Length == 0 ? null : apiVersion, token, (int)reply.Status));
        context.Response.StatusCode = (int)reply.Status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(reply.Body.ToJsonString(), context.RequestAborted);
    }

    private async Task<Reply> RouteAsync(HttpContext context)
    {
        var request = context.Request;
        var segments = (request.Path.Value ?? string.Empty).TrimStart('/').Split('/');
        var method = request.Method;
        var vault = $"https://{request.Host}/";

        switch (segments)
        {
            case ["secrets", var name] when HttpMethods.IsPut(method):
                return await SetAsync(vault, name, request, context.RequestAborted);
            case ["secrets", var name] when HttpMethods.IsGet(method):
                return Get(vault, name, version: null);
            case ["secrets", var name, var version] when HttpMethods.IsGet(method):
                return Get(vault, name, version.Length == 0 ? null : version);
            case ["secrets", var name] when HttpMethods.IsDelete(method):
                return Delete(vault, name);
            case ["deletedsecrets", var name] when HttpMethods.IsGet(method):
                return GetDeleted(vault, name);
            case ["deletedsecrets", var name, "recover"] when HttpMethods.IsPost(method):
                return Recover(vault, name);
            default:
                return Error(HttpStatusCode.NotFound, "NotFound", $"No operation {method} {request.Path} in this vault.");
        }
    }

    private async Task<Reply> SetAsync(string vault, string name, HttpRequest request, CancellationToken cancellationToken)
    {
        if (!ValidName().IsMatch(name))
        {
            return Error(HttpStatusCode.BadRequest, "BadParameter", "The secret name must match ^[0-9a-zA-Z-]+$ and be at most 127 characters.");
        }

        JsonNode? body;
        try
        {
            body = await JsonNode.ParseAsync(request.Body, cancellationToken: cancellationToken);
        }
        catch (JsonException)
        {
            return Error(HttpStatusCode.BadRequest, "BadParameter", "The request body is not valid JSON.");
        }

        if (body?["value"] is not JsonValue valueNode || !valueNode.TryGetValue<string>(out var value))
        {
            return Error(HttpStatusCode.BadRequest, "BadParameter", "Property 'value' is required.");
        }

        if (System.Text.Encoding.UTF8.GetByteCount(value) > MaxValueBytes)
        {
            return Error(HttpStatusCode.BadRequest, "BadParameter", "The secret value exceeds the maximum size of 25 KiB.");
        }

        var contentType = body["contentType"]?.GetValue<string>();
        var tags = body["tags"] as JsonObject;
        var now = _timeProvider.GetUtcNow().ToUnixTimeSeconds();
        lock (_gate)
        {
            if (_deleted.ContainsKey(name))
            {
                return Error(
                    HttpStatusCode.Conflict,
                    "Conflict",
                    $"Secret {name} is currently in a deleted but recoverable state, and its name cannot be reused; in this state, the secret can only be recovered or purged.",
                    innerCode: "ObjectIsDeletedButRecoverable");
            }

            if (!_secrets.TryGetValue(name, out var secret))
            {
                secret = new StoredSecret(name, []);
                _secrets[name] = secret;
            }

            var version = new SecretVersion(Guid.NewGuid().ToString("N"), value, contentType, (JsonObject?)tags?.DeepClone(), now);
            secret.Versions.Add(version);
            return new Reply(HttpStatusCode.OK, Bundle(vault, secret.Name, version, includeValue: true));
        }
    }

    private Reply Get(string vault, string name, string? version)
    {
        lock (_gate)
        {
            var found = !_secrets.TryGetValue(name, out var secret) ? null
                : version is null ? secret.Versions[^1]
                : secret.Versions.Find(v => string.Equals(v.Version, version, StringComparison.OrdinalIgnoreCase));
            return secret is not null && found is not null
                ? new Reply(HttpStatusCode.OK, Bundle(vault, secret.Name, found, includeValue: true))
                : Error(HttpStatusCode.NotFound, "SecretNotFound", $"A secret with (name/id) {name}{(version is null ? string.Empty : "/" + version)} was not found in this key vault. If you recently deleted this secret you may be able to recover it using the correct recovery command.");
        }
    }

    private Reply Delete(string vault, string name)
    {
        lock (_gate)
        {
            if (!_secrets.Remove(name, out var secret))
            {
                return Error(HttpStatusCode.NotFound, "SecretNotFound", $"A secret with (name/id) {name} was not found in this key vault.");
            }

            var deleted = new DeletedSecret(secret, _timeProvider.GetUtcNow());
            _deleted[name] = deleted;
            return new Reply(HttpStatusCode.OK, DeletedBundle(vault, deleted));
        }
    }

    private Reply GetDeleted(string vault, string name)
    {
        lock (_gate)
        {
            return _deleted.TryGetValue(name, out var deleted)
                ? new Reply(HttpStatusCode.OK, DeletedBundle(vault, deleted))
                : Error(HttpStatusCode.NotFound, "SecretNotFound", $"Deleted Secret not found: {name}");
        }
    }

    private Reply Recover(string vault, string name)
    {
        lock (_gate)
        {
            if (!_deleted.Remove(name, out var deleted))
            {
                return Error(HttpStatusCode.NotFound, "SecretNotFound", $"Deleted Secret not found: {name}");
            }

            _secrets[name] = deleted.Secret;
            return new Reply(HttpStatusCode.OK, Bundle(vault, deleted.Secret.Name, deleted.Secret.Versions[^1], includeValue: false));
        }
    }

    private static JsonObject Bundle(string vault, string name, SecretVersion version, bool includeValue)
    {
        var bundle = new JsonObject();
        if (includeValue)
        {
            bundle["value"] = version.Value;
        }

        if (version.ContentType is not null)
        {
            bundle["contentType"] = version.ContentType;
        }

        bundle["id"] = $"{vault}secrets/{name}/{version.Version}";
        bundle["attributes"] = Attributes(version);
        bundle["tags"] = version.Tags?.DeepClone() ?? new JsonObject();
        return bundle;
    }

    private static JsonObject DeletedBundle(string vault, DeletedSecret deleted)
    {
        var latest = deleted.Secret.Versions[^1];
        return new JsonObject
        {
            ["recoveryId"] = $"{vault}deletedsecrets/{deleted.Secret.Name}",
            ["deletedDate"] = deleted.DeletedOn.ToUnixTimeSeconds(),
            ["scheduledPurgeDate"] = (deleted.DeletedOn + RetentionPeriod).ToUnixTimeSeconds(),
            ["id"] = $"{vault}secrets/{deleted.Secret.Name}/{latest.Version}",
            ["attributes"] = Attributes(latest),
            ["tags"] = latest.Tags?.DeepClone() ?? new JsonObject(),
        };
    }

    private static JsonObject Attributes(SecretVersion version) => new()
    {
        ["enabled"] = true,
        ["created"] = version.Created,
        ["updated"] = version.Created,
        ["recoveryLevel"] = "Recoverable+Purgeable",
        ["recoverableDays"] = (int)RetentionPeriod.TotalDays,
    };

    private static Reply Error(HttpStatusCode status, string code, string message, string? innerCode = null)
    {
        var error = new JsonObject { ["code"] = code, ["message"] = message };
        if (innerCode is not null)
        {
            error["innererror"] = new JsonObject { ["code"] = innerCode };
        }

        return new Reply(status, new JsonObject { ["error"] = error });
    }

    private sealed record Reply(HttpStatusCode Status, JsonObject Body);

    private sealed record SecretVersion(string Version, string Value, string? ContentType, JsonObject? Tags, long Created);

    private sealed record StoredSecret(string Name, List<SecretVersion> Versions);

    private sealed record DeletedSecret(StoredSecret Secret, DateTimeOffset DeletedOn);
}
