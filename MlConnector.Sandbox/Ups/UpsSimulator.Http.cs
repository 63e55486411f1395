using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace MlConnector.Sandbox.Ups;

/// <content>Request intake: the token endpoint, bearer checks, faults and routing.</content>
public sealed partial class UpsSimulator
{
    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "/";
        string? body = null;
        if (HttpMethods.IsPost(request.Method))
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            body = await reader.ReadToEndAsync(context.RequestAborted);
        }

        var receivedAt = _time.GetUtcNow();
        var isToken = IsTokenRequest(request);
        Reply reply;
        var drop = false;
        if (isToken)
        {
            reply = IssueToken(request, body ?? string.Empty);
        }
        else
        {
            var apiPath = path.StartsWith("/api/", StringComparison.OrdinalIgnoreCase) ? path[4..] : path;
            reply = Authorize(request.Headers.Authorization.ToString()) ?? Dispatch(request, apiPath, body, out drop);
        }

        lock (_lock)
        {
            _requests.Add(new UpsSimulatorRequest(
                request.Method,
                path,
                drop ? 0 : reply.Status,
                Header(request, "transId"),
                Header(request, "transactionSrc"),
                receivedAt,
                isToken ? null : body)
            {
                MerchantId = isToken ? Header(request, "x-merchant-id")?.ToUpperInvariant() : MerchantOfBearer(request.Headers.Authorization.ToString()),
            });
        }

        if (drop)
        {
            context.Abort();
            return;
        }

        context.Response.StatusCode = reply.Status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(reply.Content.ToJsonString(), Encoding.UTF8, context.RequestAborted);
    }

    private static bool IsTokenRequest(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && string.Equals(request.Path.Value, "/security/v1/oauth/token", StringComparison.OrdinalIgnoreCase);

    private static string? Header(HttpRequest request, string name) =>
        request.Headers.TryGetValue(name, out var value) && value.ToString() is { Length: > 0 } text ? text : null;

    private static Reply Error(int status, string code, string message) => new(status, new JsonObject
    {
        ["response"] = new JsonObject
        {
            ["errors"] = new JsonArray(new JsonObject { ["code"] = code, ["message"] = message }),
        },
    });

    private static Reply Error(UpsSimulatorFault fault) => Error(fault.StatusCode, fault.Code, fault.Message);

    /// <summary>
    /// <c>POST /security/v1/oauth/token</c> (OAuthClientCredentials.yaml). Codes: <c>250002</c> for bad client credentials
    /// (UPSTrackAlert.yaml error table), <c>10007</c> for a body that is not form-encoded (same table), <c>10429</c> over the
    /// daily quota; <see cref="SimulatorCodes.UnsupportedGrant"/> and <see cref="SimulatorCodes.MerchantNotAllowed"/> are the simulator's.
    /// </summary>
    private Reply IssueToken(HttpRequest request, string body)
    {
        var client = AuthenticateClient(request.Headers.Authorization.ToString());
        if (client is null)
        {
            return Error(401, "250002", "Invalid Authentication Information");
        }

        if (request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) != true)
        {
            return Error(400, "10007", "Requested Content Type is not supported");
        }

        var form = QueryHelpers.ParseQuery(body);
        if (!form.TryGetValue("grant_type", out var grant) || grant.ToString() != "client_credentials")
        {
            return Error(400, SimulatorCodes.UnsupportedGrant, "Invalid or missing grant_type; only client_credentials is supported");
        }

        var merchant = Header(request, "x-merchant-id");
        if (merchant is not null && !client.ShipperNumbers.Contains(merchant.ToUpperInvariant()))
        {
            return Error(403, SimulatorCodes.MerchantNotAllowed, "Blocked Merchant");
        }

        var now = _time.GetUtcNow();
        var access = "sim-ups-" + RandomToken();
        lock (_lock)
        {
            var key = (client.ClientId, DateOnly.FromDateTime(now.UtcDateTime));
            var count = _tokenRequests.GetValueOrDefault(key) + 1;
            _tokenRequests[key] = count;
            if (count > DailyTokenQuota)
            {
                return Error(UpsSimulatorFault.TooManyRequests.StatusCode, UpsSimulatorFault.TooManyRequests.Code, "Quota Limit Exceeded");
            }

            _tokens[access] = new IssuedToken(client, now + TokenLifetime, merchant?.ToUpperInvariant());
            if (merchant is not null)
            {
                _tokenMerchantIds.Add(merchant.ToUpperInvariant());
            }
        }

        var inv = CultureInfo.InvariantCulture;
        return new Reply(200, new JsonObject
        {
            ["token_type"] = "Bearer",
            ["issued_at"] = now.ToUnixTimeMilliseconds().ToString(inv),
            ["client_id"] = client.ClientId,
            ["access_token"] = access,
            ["scope"] = string.Empty,
            ["expires_in"] = ((long)TokenLifetime.TotalSeconds).ToString(inv),
            ["refresh_count"] = "0",
            ["status"] = "approved",
        });
    }

    private UpsSimulatorClient? AuthenticateClient(string header)
    {
        if (BasicCredentials.Decode(header) is not var (clientId, secret))
        {
            return null;
        }

        lock (_lock)
        {
            return _clients.TryGetValue(clientId, out var client) && client.ClientSecret == secret ? client : null;
        }
    }

    /// <summary>The bearer check: null when the token is good, else UPS's 401 (UJ0001 / 250002 / 251004, UPSTrackAlert.yaml error table).</summary>
    private Reply? Authorize(string header)
    {
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header["Bearer ".Length..].Trim() is not { Length: > 0 } token)
        {
            return Error(401, "UJ0001", "Invalid token or token is not present");
        }

        lock (_lock)
        {
            if (!_tokens.TryGetValue(token, out var issued))
            {
                return Error(401, "250002", "Invalid Authentication Information");
            }

            return issued.ExpiresAt <= _time.GetUtcNow() ? Error(401, "251004", "Bearer Token expired (oauth)") : null;
        }
    }

    /// <summary>The <c>x-merchant-id</c> the bearer token was requested with; null for no token, an unknown one, or one requested without it. Call under the lock.</summary>
    private string? MerchantOfBearer(string header) =>
        header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && _tokens.TryGetValue(header["Bearer ".Length..].Trim(), out var issued) ? issued.MerchantId : null;

    private IssuedToken TokenOf(HttpRequest request)
    {
        var token = request.Headers.Authorization.ToString()["Bearer ".Length..].Trim();
        lock (_lock)
        {
            return _tokens[token];
        }
    }

    private Reply Dispatch(HttpRequest request, string path, string? body, out bool drop)
    {
        drop = false;
        lock (_lock)
        {
            if (_throttleNext > 0)
            {
                _throttleNext--;
                return Error(UpsSimulatorFault.TooManyRequests);
            }

            if (_faults.TryDequeue(out var fault))
            {
                return Error(fault);
            }

            if (HttpMethods.IsPost(request.Method) && _dropNext > 0)
            {
                _dropNext--;
                drop = true;
            }
        }

        var json = SimulatorJson.ParseObject(body);

        var token = TokenOf(request);
        var segments = path.Trim('/').Split('/');
        return (request.Method, segments) switch
        {
            ("POST", ["addressvalidation", _, var option]) => ValidateAddress(option, request.Query, json),
            ("POST", ["rating", _, var option]) => Rate(option, json, token),
            ("POST", ["shipments", _, "ship"]) => Ship(json, token),
            ("DELETE", ["shipments", _, "void", "cancel", var id]) => Void(id),
            ("GET", ["track", "v1", "details", var number]) => Track(request, number),
            ("GET", ["track", "v1", "reference", "details", var reference]) => TrackByReference(request, Uri.UnescapeDataString(reference), token),
            ("POST", ["track", "v2", "subscription", var type, "package"]) => Subscribe(request, type, body, json),
            ("POST", ["quantumview", _, "events"]) => QuantumViewEvents(json, token),
            _ => Error(404, "404", "The requested resource was not found."),
        };
    }
}
