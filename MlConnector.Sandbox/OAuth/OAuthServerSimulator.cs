using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MlConnector.Sandbox.OAuth;

/// <summary>
/// A stateful OAuth 2.0 authorization server on loopback Kestrel (<c>http://127.0.0.1:{free port}</c>), standing in for
/// Intuit, FreshBooks, UPS and SPS token endpoints in tests and demos.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>GET /oauth2/authorize</c>: issues a code and redirects (302) to <c>redirect_uri?code=…&amp;state=…&amp;realmId=…</c>.</item>
/// <item><c>POST /oauth2/token</c> and <c>POST /oauth2/refresh</c> (UPS's separate refresh path): grants
/// <c>authorization_code</c>, <c>refresh_token</c> and <c>client_credentials</c>; client authentication by HTTP Basic, form
/// fields or a JSON body (SPS). Bodies may be form-encoded or JSON.</item>
/// <item>Refresh tokens rotate on every refresh and the old value stops working (Intuit, FreshBooks).</item>
/// <item>Auth-code responses follow <c>contracts/quickbooks-online/oauth/success_token_response.json</c> (numeric
/// <c>expires_in</c>, <c>x_refresh_token_expires_in</c>, and <c>x_refresh_token_hard_expires_in</c> when the request has
/// <c>x-include-refresh-token-hard-expires-in: true</c>); client-credentials responses follow UPS
/// <c>tokenSuccessResponse</c> (<c>contracts/ups/OAuthClientCredentials.yaml</c>) with <c>expires_in</c> as a string.</item>
/// <item>Errors: <c>{"error":"invalid_grant"}</c> with 400, <c>{"error":"invalid_client"}</c> with 401 (RFC 6749 §5.2,
/// <c>failure_token_response.json</c>).</item>
/// </list>
/// </remarks>
public sealed class OAuthServerSimulator : IAsyncDisposable
{
    private static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(5);

    private readonly WebApplication _app;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, string> _clients = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IssuedCode> _codes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IssuedRefreshToken> _refreshTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _accessTokens = new(StringComparer.Ordinal);
    private readonly List<OAuthSimulatorRequest> _requests = [];
    private TaskCompletionSource _gate = CompletedGate();
    private int _expiredEarly;
    private int _refusedRefreshes;
    private TaskCompletionSource _requestArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private OAuthServerSimulator(WebApplication app, TimeProvider time)
    {
        _app = app;
        _time = time;
    }

    /// <summary>The server's base address, for example <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>The authorize endpoint.</summary>
    public Uri AuthorizeEndpoint => new(BaseAddress, "oauth2/authorize");

    /// <summary>The token endpoint (all grants).</summary>
    public Uri TokenEndpoint => new(BaseAddress, "oauth2/token");

    /// <summary>A separate refresh endpoint, like UPS's <c>/security/v1/oauth/refresh</c>.</summary>
    public Uri RefreshEndpoint => new(BaseAddress, "oauth2/refresh");

    /// <summary>Access-token lifetime for the auth-code and refresh grants. Default 1 hour (Intuit).</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Rolling refresh-token lifetime. Default 180 days (the Intuit fixture's 15552000 s).</summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromSeconds(15552000);

    /// <summary>Hard limit of a consent's refresh tokens, counted from the code exchange. Default 5 years (Intuit policy).</summary>
    public TimeSpan RefreshTokenHardLifetime { get; set; } = TimeSpan.FromDays(5 * 365);

    /// <summary>Client-credentials token lifetime, sent as a string. Default 14399 s (UPS's observed value).</summary>
    public TimeSpan ClientCredentialsLifetime { get; set; } = TimeSpan.FromSeconds(14399);

    /// <summary>When true, authorization_code and refresh_token grants fail with 400 <c>invalid_grant</c>.</summary>
    public bool FailWithInvalidGrant { get; set; }

    /// <summary>
    /// The company the merchant picks at the next consents (<c>/oauth2/authorize</c>); a new random one when null. A merchant
    /// who consents again after a refused refresh picks the company the connection already had.
    /// </summary>
    public string? ConsentRealmId { get; set; }

    /// <summary>Access tokens <see cref="ExpireAccessTokens"/> ended before their lifetime so far.</summary>
    public int AccessTokensExpiredEarly => Volatile.Read(ref _expiredEarly);

    /// <summary>Refresh-token grants answered <c>invalid_grant</c> so far.</summary>
    public int RefusedRefreshes => Volatile.Read(ref _refusedRefreshes);

    /// <summary>Starts the simulator on a free loopback port.</summary>
    /// <param name="timeProvider">The clock for token expiries; the system clock when null.</param>
    /// <param name="cancellationToken">Cancels start-up.</param>
    /// <returns>The running simulator.</returns>
    public static async Task<OAuthServerSimulator> StartAsync(TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var simulator = new OAuthServerSimulator(app, timeProvider ?? TimeProvider.System);
        app.MapGet("/oauth2/authorize", simulator.Authorize);
        app.MapPost("/oauth2/token", simulator.TokenAsync);
        app.MapPost("/oauth2/refresh", simulator.TokenAsync);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("Kestrel reported no listening address.");
        simulator.BaseAddress = new Uri(address.TrimEnd('/') + "/");
        return simulator;
    }

    /// <summary>Registers a client application.</summary>
    /// <param name="clientId">The client id.</param>
    /// <param name="clientSecret">The client secret.</param>
    public void RegisterClient(string clientId, string clientSecret)
    {
        lock (_lock)
        {
            _clients[clientId] = clientSecret;
        }
    }

    /// <summary>Issues an authorization code as if the merchant had consented (what <c>/oauth2/authorize</c> does).</summary>
    /// <param name="clientId">The client the code is for.</param>
    /// <param name="redirectUri">The redirect URI the exchange must repeat.</param>
    /// <param name="realmId">A QBO-style company id to attach, if any.</param>
    /// <returns>The code.</returns>
    public string IssueAuthorizationCode(string clientId, string redirectUri, string? realmId = null)
    {
        var code = "sim-code-" + RandomToken();
        lock (_lock)
        {
            _codes[code] = new IssuedCode(clientId, redirectUri, realmId, _time.GetUtcNow() + CodeLifetime);
        }

        return code;
    }

    /// <summary>Token-endpoint requests received so far (after client authentication, whatever the outcome).</summary>
    /// <returns>A snapshot.</returns>
    public IReadOnlyList<OAuthSimulatorRequest> GetRequests()
    {
        lock (_lock)
        {
            return [.. _requests];
        }
    }

    /// <summary>Counts token-endpoint requests from one client, optionally of one grant type.</summary>
    /// <param name="clientId">The client id the request claimed.</param>
    /// <param name="grantType">The grant type, or null for all.</param>
    /// <returns>The count.</returns>
    public int CountRequests(string clientId, string? grantType = null)
    {
        lock (_lock)
        {
            return _requests.Count(r => r.ClientId == clientId && (grantType is null || r.GrantType == grantType));
        }
    }

    /// <summary>True when <paramref name="refreshToken"/> would be accepted now.</summary>
    /// <param name="refreshToken">A refresh token.</param>
    /// <returns>Whether it is current and unexpired.</returns>
    public bool IsRefreshTokenValid(string refreshToken)
    {
        lock (_lock)
        {
            return _refreshTokens.TryGetValue(refreshToken, out var issued) && issued.ExpiresAt > _time.GetUtcNow();
        }
    }

    /// <summary>True when <paramref name="accessToken"/> was issued here and has not expired.</summary>
    /// <param name="accessToken">An access token.</param>
    /// <returns>Whether a resource server would accept it.</returns>
    public bool IsAccessTokenValid(string accessToken)
    {
        lock (_lock)
        {
            return _accessTokens.TryGetValue(accessToken, out var expires) && expires > _time.GetUtcNow();
        }
    }

    /// <summary>
    /// Ends every access token issued so far now, as when tokens expire while work is under way: resource servers
    /// validating through <see cref="IsAccessTokenValid"/> answer 401 until the client refreshes.
    /// </summary>
    public void ExpireAccessTokens()
    {
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            foreach (var token in _accessTokens.Where(t => t.Value > now).Select(t => t.Key).ToList())
            {
                _accessTokens[token] = now;
                _expiredEarly++;
            }
        }
    }

    /// <summary>From now on, token requests wait (after being recorded) until <see cref="ReleaseTokenResponses"/>.</summary>
    public void HoldTokenResponses()
    {
        lock (_lock)
        {
            if (_gate.Task.IsCompleted)
            {
                _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }

    /// <summary>Lets held token requests answer.</summary>
    public void ReleaseTokenResponses()
    {
        lock (_lock)
        {
            _gate.TrySetResult();
        }
    }

    /// <summary>Completes when at least <paramref name="count"/> token requests have been received.</summary>
    /// <param name="count">How many requests to wait for.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes when they have arrived.</returns>
    public async Task WaitForRequestsAsync(int count, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            Task arrived;
            lock (_lock)
            {
                if (_requests.Count >= count)
                {
                    return;
                }

                arrived = _requestArrived.Task;
            }

            await arrived.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Stops the server.</summary>
    /// <returns>A task that completes when stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        ReleaseTokenResponses();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static TaskCompletionSource CompletedGate()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        gate.SetResult();
        return gate;
    }

    private static string RandomToken() => Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();

    private static async Task<Dictionary<string, string>> ReadBodyAsync(HttpRequest request)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
            foreach (var (key, value) in form)
            {
                fields[key] = value.ToString();
            }
        }
        else if (request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true)
        {
            using var doc = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
            foreach (var property in doc.RootElement.EnumerateObject())
            {
                fields[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() ?? string.Empty : property.Value.GetRawText();
            }
        }

        return fields;
    }

    private static (string? Id, string? Secret, string Style) ReadClient(HttpRequest request, Dictionary<string, string> fields)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
                var colon = decoded.IndexOf(':', StringComparison.Ordinal);
                return colon < 0 ? (null, null, "basic") : (decoded[..colon], decoded[(colon + 1)..], "basic");
            }
            catch (FormatException)
            {
                return (null, null, "basic");
            }
        }

        fields.TryGetValue("client_id", out var id);
        fields.TryGetValue("client_secret", out var secret);
        return (id, secret, request.HasFormContentType ? "post" : "json");
    }

    private static async Task WriteJsonAsync(HttpContext context, int status, Action<Utf8JsonWriter> body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-store";
        using var buffer = new MemoryStream();
        await using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        await context.Response.Body.WriteAsync(buffer.ToArray(), context.RequestAborted);
    }

    private static Task ErrorAsync(HttpContext context, int status, string error, string description) =>
        WriteJsonAsync(context, status, w =>
        {
            w.WriteString("error", error);
            w.WriteString("error_description", description);
        });

    private IResult Authorize(HttpContext context)
    {
        var query = context.Request.Query;
        var clientId = query["client_id"].ToString();
        var redirectUri = query["redirect_uri"].ToString();
        bool known;
        lock (_lock)
        {
            known = _clients.ContainsKey(clientId);
        }

        if (!known || query["response_type"] != "code" || !Uri.TryCreate(redirectUri, UriKind.Absolute, out var redirect))
        {
            return Results.BadRequest();
        }

        var realmId = ConsentRealmId ?? "9130" + RandomNumberGenerator.GetInt32(100_000_000, 999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var code = IssueAuthorizationCode(clientId, redirectUri, realmId);
        var location = Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(
            redirect.ToString(),
            new Dictionary<string, string?> { ["code"] = code, ["state"] = query["state"].ToString(), ["realmId"] = realmId });
        return Results.Redirect(location);
    }

    private async Task TokenAsync(HttpContext context)
    {
        var fields = await ReadBodyAsync(context.Request);
        var (clientId, clientSecret, style) = ReadClient(context.Request, fields);
        fields.TryGetValue("grant_type", out var grantType);

        Task gate;
        lock (_lock)
        {
            if (clientId is null || !_clients.TryGetValue(clientId, out var expected) || expected != clientSecret)
            {
                gate = Task.CompletedTask;
                clientId = null;
            }
            else
            {
                _requests.Add(new OAuthSimulatorRequest(
                    clientId,
                    grantType ?? string.Empty,
                    style,
                    context.Request.Path,
                    context.Request.Headers["x-merchant-id"].ToString() is { Length: > 0 } merchant ? merchant : null,
                    fields.GetValueOrDefault("audience"),
                    string.Equals(context.Request.Headers["x-include-refresh-token-hard-expires-in"], "true", StringComparison.OrdinalIgnoreCase)));
                _requestArrived.TrySetResult();
                _requestArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                gate = _gate.Task;
            }
        }

        if (clientId is null)
        {
            await ErrorAsync(context, StatusCodes.Status401Unauthorized, "invalid_client", "Client authentication failed.");
            return;
        }

        await gate.WaitAsync(context.RequestAborted);
        var includeHard = string.Equals(context.Request.Headers["x-include-refresh-token-hard-expires-in"], "true", StringComparison.OrdinalIgnoreCase);
        switch (grantType)
        {
            case "authorization_code":
                await AuthorizationCodeAsync(context, clientId, fields, includeHard);
                break;
            case "refresh_token":
                await RefreshAsync(context, clientId, fields, includeHard);
                break;
            case "client_credentials":
                await ClientCredentialsAsync(context, clientId, fields);
                break;
            default:
                await ErrorAsync(context, StatusCodes.Status400BadRequest, "unsupported_grant_type", "Unsupported grant type.");
                break;
        }
    }

    private async Task AuthorizationCodeAsync(HttpContext context, string clientId, Dictionary<string, string> fields, bool includeHard)
    {
        var now = _time.GetUtcNow();
        IssuedCode? issued;
        lock (_lock)
        {
            if (_codes.Remove(fields.GetValueOrDefault("code") ?? string.Empty, out issued)
                && (issued.ClientId != clientId || issued.ExpiresAt <= now || issued.RedirectUri != fields.GetValueOrDefault("redirect_uri")))
            {
                issued = null;
            }
        }

        if (issued is null || FailWithInvalidGrant)
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, "invalid_grant", "The authorization code is invalid, expired or used.");
            return;
        }

        await IssuePairAsync(context, clientId, now + RefreshTokenHardLifetime, includeHard);
    }

    private async Task RefreshAsync(HttpContext context, string clientId, Dictionary<string, string> fields, bool includeHard)
    {
        var now = _time.GetUtcNow();
        IssuedRefreshToken? issued = null;
        lock (_lock)
        {
            var token = fields.GetValueOrDefault("refresh_token") ?? string.Empty;
            if (!FailWithInvalidGrant && _refreshTokens.TryGetValue(token, out var found) && found.ClientId == clientId && found.ExpiresAt > now)
            {
                // Rotation: the presented refresh token stops working as soon as it is used.
                _refreshTokens.Remove(token);
                issued = found;
            }
        }

        if (issued is null)
        {
            Interlocked.Increment(ref _refusedRefreshes);
            await ErrorAsync(context, StatusCodes.Status400BadRequest, "invalid_grant", "Incorrect or invalid refresh token.");
            return;
        }

        await IssuePairAsync(context, clientId, issued.HardExpiresAt, includeHard);
    }

    private async Task IssuePairAsync(HttpContext context, string clientId, DateTimeOffset hardExpiresAt, bool includeHard)
    {
        var now = _time.GetUtcNow();
        var access = "sim-at-" + RandomToken();
        var refresh = "sim-rt-" + RandomToken();
        var refreshExpiresAt = now + RefreshTokenLifetime < hardExpiresAt ? now + RefreshTokenLifetime : hardExpiresAt;
        lock (_lock)
        {
            _accessTokens[access] = now + AccessTokenLifetime;
            _refreshTokens[refresh] = new IssuedRefreshToken(clientId, refreshExpiresAt, hardExpiresAt);
        }

        await WriteJsonAsync(context, StatusCodes.Status200OK, w =>
        {
            w.WriteString("token_type", "bearer");
            w.WriteNumber("expires_in", (long)AccessTokenLifetime.TotalSeconds);
            w.WriteString("refresh_token", refresh);
            w.WriteNumber("x_refresh_token_expires_in", (long)(refreshExpiresAt - now).TotalSeconds);
            if (includeHard)
            {
                w.WriteNumber("x_refresh_token_hard_expires_in", (long)(hardExpiresAt - now).TotalSeconds);
            }

            w.WriteString("access_token", access);
        });
    }

    private async Task ClientCredentialsAsync(HttpContext context, string clientId, Dictionary<string, string> fields)
    {
        var now = _time.GetUtcNow();
        var access = "sim-cc-" + RandomToken();
        lock (_lock)
        {
            _accessTokens[access] = now + ClientCredentialsLifetime;
        }

        var inv = System.Globalization.CultureInfo.InvariantCulture;
        await WriteJsonAsync(context, StatusCodes.Status200OK, w =>
        {
            w.WriteString("token_type", "Bearer");
            w.WriteString("issued_at", now.ToUnixTimeMilliseconds().ToString(inv));
            w.WriteString("client_id", clientId);
            w.WriteString("access_token", access);
            w.WriteString("scope", fields.GetValueOrDefault("scope") ?? string.Empty);
            w.WriteString("expires_in", ((long)ClientCredentialsLifetime.TotalSeconds).ToString(inv));
            w.WriteString("refresh_count", "0");
            w.WriteString("status", "approved");
        });
    }

    private sealed record IssuedCode(string ClientId, string RedirectUri, string? RealmId, DateTimeOffset ExpiresAt);

    private sealed record IssuedRefreshToken(string ClientId, DateTimeOffset ExpiresAt, DateTimeOffset HardExpiresAt);
}
