using System.Net.Http.Headers;
using MlConnector.Core.Connectors.FreshBooks;
using MlConnector.Core.Connectors.QuickBooksOnline.Webhooks;

namespace MlConnector.Tests.Security;

/// <summary>
/// The bad-input corpus: every webhook route (QBO, ShipStation V1 and V2, UPS Track Alert, FreshBooks, the QBWC SOAP
/// endpoint) and every operator route of the standalone host, each with the hostile or broken requests that apply to it
/// and the 4xx it must answer. <see cref="BadInputCorpusTests"/> sends each over loopback and writes the table in
/// docs/reliability.md from this list.
/// </summary>
public static class BadInputCorpus
{
    public const string Qbo = "QBO";
    public const string ShipStationV1 = "ShipStation V1";
    public const string ShipStationV2 = "ShipStation V2";
    public const string Ups = "UPS Track Alert";
    public const string FreshBooks = "FreshBooks";
    public const string Qbwc = "QBWC SOAP";

    /// <summary>The webhook routes, in table order.</summary>
    public static readonly string[] WebhookRoutes = [Qbo, ShipStationV1, ShipStationV2, Ups, FreshBooks, Qbwc];

    /// <summary>The operator routes of <c>StandaloneHost.MapRoutes</c>: method, path template, and whether a JSON body goes with it.</summary>
    public static readonly (string Method, string Template, bool Body)[] OperatorRoutes =
    [
        ("GET", "connections", false),
        ("POST", "connections", true),
        ("GET", "connections/{id}", false),
        ("PUT", "connections/{id}", true),
        ("DELETE", "connections/{id}", false),
        ("POST", "connections/{id}/pause", false),
        ("POST", "connections/{id}/resume", false),
        ("PUT", "connections/{id}/secrets/{name}", true),
        ("PUT", "secrets/{name}", true),
        ("POST", "connections/{id}/webhooks/register", true),
        ("GET", "workflows", false),
        ("GET", "workflows/{instanceId}", false),
        ("POST", "workflows/{instanceId}/replay", false),
        ("GET", "connections/{id}/audit", false),
        ("POST", "connections/{id}/test", false),
        ("GET", "connections/{id}/health", false),
        ("GET", "failures", false),
        ("POST", "failures/replay", true),
        ("POST", "failures/{id}/dismiss", true),
        ("GET", "intake", false),
        ("POST", "intake/poison/replay", false),
        ("POST", "connections/{id}/backfill", true),
        ("GET", "connections/{id}/qwc", false),
        ("GET", "connections/{id}/inventory", false),
        ("GET", "connections/{id}/backfill", false),
    ];

    private const string SsV1Body = """{"resource_url":"https://ssapi.shipstation.com/orders?importBatch=corpus","resource_type":"ORDER_NOTIFY"}""";
    private const string UpsBody = """{"trackingNumber":"1Z999AA10123456784","localActivityDate":"20261206","localActivityTime":"080000","activityStatus":{"type":"I","code":"DP","description":"Departed from Facility"}}""";
    private const string QboBody = """{"eventNotifications":[{"realmId":"9130000000000001","dataChangeEvent":{"entities":[{"name":"PurchaseOrder","id":"1","operation":"Create","lastUpdated":"2026-12-06T00:00:00.000Z"}]}}]}""";
    private const string FreshBooksForm = "name=invoice.create&object_id=1234567&account_id=" + BadInputRig.FreshBooksAccount + "&business_id=6543&identity_id=1234&user_id=1";
    private const string Traversal = "..%2F..%2Fsecrets%2Fx";
    private const string NonAscii = "caf%C3%A9-%E2%98%83";
    private const string Unknown = "no-such-connection";

    private static readonly string DeepJson = new string('[', 4_000) + new string(']', 4_000);

    private static readonly Lazy<IReadOnlyList<BadInputCase>> AllCases = new(Build);

    /// <summary>Every case.</summary>
    public static IReadOnlyList<BadInputCase> Cases => AllCases.Value;

    /// <summary>The case ids, for the theory.</summary>
    public static TheoryData<string> Ids
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var c in Cases)
            {
                data.Add(c.Id);
            }

            return data;
        }
    }

    public static string OperatorRouteName((string Method, string Template, bool Body) route) => route.Method + " /api/" + route.Template;

    private static List<BadInputCase> Build()
    {
        var cases = new List<BadInputCase>();
        void Add(string route, string name, int status, Func<BadInputRig, HttpRequestMessage> request) => cases.Add(new(route, name, status, request));
        void AddRaw(string route, string name, int status, Func<BadInputRig, Task<int>> send) => cases.Add(new(route, name, status, null, send));

        // Signatures and URL secrets.
        Add(Qbo, "forged signature", 401, r => QboPost(r, QboBody, signature: QboWebhookSignature.Compute("not-the-verifier-token", Encoding.UTF8.GetBytes(QboBody))));
        Add(Qbo, "missing signature", 401, r => QboPost(r, QboBody, signature: null));
        Add(Qbo, "signature of another body", 401, r => QboPost(r, QboBody, signature: QboWebhookSignature.Compute(r.QboVerifierToken, Encoding.UTF8.GetBytes(QboBody + " "))));
        Add(ShipStationV1, "wrong URL secret", 404, r => Post(r, $"api/webhooks/shipstation/{BadInputRig.ShipStationConnection}/not-the-secret", SsV1Body));
        Add(ShipStationV1, "missing URL secret", 404, r => Post(r, $"api/webhooks/shipstation/{BadInputRig.ShipStationConnection}/", SsV1Body));
        Add(ShipStationV2, "forged signature", 401, r => SsV2(r, SsV1Body, sign: SsV1Body + " "));
        Add(ShipStationV2, "missing signature", 404, r => SsV2(r, SsV1Body, dropSignature: true));
        Add(ShipStationV2, "stale signature", 400, r => SsV2(r, SsV1Body, age: TimeSpan.FromMinutes(20)));
        Add(ShipStationV2, "unknown signing key", 401, r => SsV2(r, SsV1Body, keyId: "made-up-key"));
        Add(ShipStationV2, "wrong URL secret", 404, r => SsV2(r, SsV1Body, secret: "not-the-secret"));
        Add(Ups, "wrong URL secret", 404, r => Post(r, $"api/webhooks/ups/{BadInputRig.UpsConnection}/not-the-secret", UpsBody));
        Add(Ups, "forged signature", 401, r => UpsPost(r, UpsBody, apiKey: "someone-elses-client"));
        Add(FreshBooks, "forged signature", 401, r => FreshBooksPost(r, FreshBooksForm, signature: FreshBooksWebhookSignature.Compute("not-the-verifier", FreshBooksMessage(FreshBooksForm))));
        Add(FreshBooks, "missing signature", 401, r => FreshBooksPost(r, FreshBooksForm, signature: null));

        // Unknown connections, path traversal and non-ASCII ids.
        Add(ShipStationV1, "unknown connection", 404, r => Post(r, $"api/webhooks/shipstation/{Unknown}/{r.ShipStationSecret}", SsV1Body));
        Add(ShipStationV1, "path traversal id", 404, r => Post(r, $"api/webhooks/shipstation/{Traversal}/{r.ShipStationSecret}", SsV1Body));
        Add(ShipStationV1, "non-ASCII id", 404, r => Post(r, $"api/webhooks/shipstation/{NonAscii}/{r.ShipStationSecret}", SsV1Body));
        Add(Ups, "unknown connection", 404, r => Post(r, $"api/webhooks/ups/{Unknown}/{r.UpsSecret}", UpsBody));
        Add(Ups, "path traversal id", 404, r => Post(r, $"api/webhooks/ups/{Traversal}/{r.UpsSecret}", UpsBody));
        Add(Ups, "non-ASCII id", 404, r => Post(r, $"api/webhooks/ups/{NonAscii}/{r.UpsSecret}", UpsBody));
        Add(FreshBooks, "unknown connection", 404, r => FreshBooksPost(r, FreshBooksForm, connectionId: Unknown));
        Add(FreshBooks, "path traversal id", 404, r => FreshBooksPost(r, FreshBooksForm, connectionId: Traversal));
        Add(FreshBooks, "non-ASCII id", 404, r => FreshBooksPost(r, FreshBooksForm, connectionId: NonAscii));

        // Bodies over the limit, declared or streamed without end.
        Add(Qbo, "body over the limit", 413, r => QboPost(r, new string(' ', (1024 * 1024) + (64 * 1024) + 1), signature: null));
        Add(ShipStationV1, "body over the limit", 413, r => Post(r, SsV1Url(r), new string(' ', (16 * 1024) + 1)));
        Add(Ups, "body over the limit", 413, r => UpsPost(r, new string(' ', (64 * 1024) + 1)));
        Add(FreshBooks, "body over the limit", 413, r => FreshBooksPost(r, "name=" + new string('a', 64 * 1024), signature: null));
        AddRaw(Qbo, "endless chunked stream", 413, r => RawHttp.SendAsync(r.BaseAddress, "api/webhooks/qbo", [("Content-Type", "application/json")]));
        AddRaw(ShipStationV1, "endless chunked stream", 413, r => RawHttp.SendAsync(r.BaseAddress, SsV1Url(r), [("Content-Type", "application/json")]));
        AddRaw(Ups, "endless chunked stream", 413, r => RawHttp.SendAsync(r.BaseAddress, UpsUrl(r), [("Content-Type", "application/json"), ("x-api-key", BadInputRig.UpsClientId)]));
        AddRaw(FreshBooks, "endless chunked stream", 413, r => RawHttp.SendAsync(r.BaseAddress, $"api/webhooks/freshbooks/{BadInputRig.FreshBooksConnection}", [("Content-Type", "application/x-www-form-urlencoded")]));
        AddRaw(Qbwc, "endless chunked stream", 413, r => RawHttp.SendAsync(r.BaseAddress, "api/qbwc", [("Content-Type", "text/xml; charset=utf-8")]));

        // Malformed and deeply nested JSON (QBO's signed, so the parser is what refuses it).
        Add(Qbo, "malformed JSON", 400, r => QboSigned(r, """{"eventNotifications":[{"realmId":"""));
        Add(Qbo, "deeply nested JSON", 400, r => QboSigned(r, DeepJson));
        Add(ShipStationV1, "malformed JSON", 400, r => Post(r, SsV1Url(r), """{"resource_url":"""));
        Add(ShipStationV1, "deeply nested JSON", 400, r => Post(r, SsV1Url(r), DeepJson));
        Add(ShipStationV2, "malformed JSON", 401, r => SsV2(r, """{"resource_url":""", sign: SsV1Body));
        Add(Ups, "malformed JSON", 400, r => UpsPost(r, """{"trackingNumber":"""));
        Add(Ups, "deeply nested JSON", 400, r => UpsPost(r, DeepJson));
        Add(FreshBooks, "malformed form", 400, r => FreshBooksPost(r, "name=%E0%A4%A&object_id=x", signature: null));

        // Malformed XML, DTDs, external entities and entity expansion (SOAP).
        Add(Qbwc, "malformed XML", 400, r => Soap(r, "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>"));
        Add(Qbwc, "DTD with external entity", 400, r => Soap(r, """<?xml version="1.0"?><!DOCTYPE e [<!ENTITY x SYSTEM "file:///etc/passwd">]>""" + Envelope("<serverVersion xmlns=\"http://developer.intuit.com/\">&x;</serverVersion>")));
        Add(Qbwc, "entity expansion", 400, r => Soap(r, """<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>""" + Envelope("<serverVersion xmlns=\"http://developer.intuit.com/\">&d;&d;&d;&d;</serverVersion>")));

        // Wrong content types.
        Add(Qbo, "wrong content type", 415, r => QboPost(r, QboBody, signature: QboWebhookSignature.Compute(r.QboVerifierToken, Encoding.UTF8.GetBytes(QboBody)), contentType: "text/plain"));
        Add(ShipStationV1, "wrong content type", 415, r => Post(r, SsV1Url(r), SsV1Body, "text/xml"));
        Add(ShipStationV2, "wrong content type", 415, r => SsV2(r, SsV1Body, contentType: "application/x-www-form-urlencoded"));
        Add(Ups, "wrong content type", 415, r => UpsPost(r, UpsBody, contentType: "multipart/form-data; boundary=x"));
        Add(FreshBooks, "wrong content type", 415, r => Post(r, $"api/webhooks/freshbooks/{BadInputRig.FreshBooksConnection}", FreshBooksForm, "application/json"));
        Add(Qbwc, "wrong content type", 415, r => Post(r, "api/qbwc", Envelope("<serverVersion xmlns=\"http://developer.intuit.com/\"/>"), "application/json"));

        // Tracking numbers that are not UPS tracking numbers: 400, nothing started.
        Add(Ups, "not a UPS tracking number (text)", 400, r => UpsPost(r, UpsBody.Replace("1Z999AA10123456784", "hello world", StringComparison.Ordinal)));
        Add(Ups, "not a UPS tracking number (non-ASCII)", 400, r => UpsPost(r, UpsBody.Replace("1Z999AA10123456784", "１Z999AA10123456784", StringComparison.Ordinal)));
        Add(Ups, "not a UPS tracking number (too long)", 400, r => UpsPost(r, UpsBody.Replace("1Z999AA10123456784", "1Z999AA10123456784" + new string('9', 200), StringComparison.Ordinal)));

        // Operator routes: every route refuses a caller without the operator token, or with a wrong one.
        foreach (var route in OperatorRoutes)
        {
            Add(OperatorRouteName(route), "missing operator token", 401, r => Operator(r, route, "corpus-ss", token: null));
            Add(OperatorRouteName(route), "wrong operator token", 401, r => Operator(r, route, "corpus-ss", token: "not-the-operator-token"));
            if (route.Template.Contains("{id}", StringComparison.Ordinal) || route.Template.Contains("{instanceId}", StringComparison.Ordinal))
            {
                // A route with a body checks the body before it looks the id up; the audit trail of a deleted connection
                // stays readable, so its route refuses only ids no connection can have.
                var idRoute = route;
                var audit = route.Template.EndsWith("/audit", StringComparison.Ordinal);
                var refused = route.Body && route.Template != "connections/{id}/backfill" ? 400 : 404;
                if (!audit)
                {
                    Add(OperatorRouteName(route), "unknown connection", route.Template == "connections/{id}/secrets/{name}" ? 404 : refused, r => Operator(r, idRoute, Unknown));
                }

                Add(OperatorRouteName(route), "path traversal id", audit ? 400 : refused, r => Operator(r, idRoute, Traversal));
                Add(OperatorRouteName(route), "non-ASCII id", audit ? 400 : refused, r => Operator(r, idRoute, NonAscii));
            }

            if (route.Body)
            {
                var bodyRoute = route;
                Add(OperatorRouteName(route), "wrong content type", 415, r => Operator(r, bodyRoute, "corpus-ss", body: "id=corpus", contentType: "application/x-www-form-urlencoded"));
                Add(OperatorRouteName(route), "malformed JSON", 400, r => Operator(r, bodyRoute, "corpus-ss", body: """{"id":"""));
                Add(OperatorRouteName(route), "deeply nested JSON", 400, r => Operator(r, bodyRoute, "corpus-ss", body: DeepJson));
            }
        }

        AddRaw(OperatorRouteName(OperatorRoutes[1]), "body over the limit", 413, r => RawHttp.SendAsync(r.BaseAddress, "api/connections", [("Content-Type", "application/json"), ("Authorization", "Bearer " + r.Host.OperatorToken)], contentLength: 31_000_000));
        return cases;
    }

    private static string SsV1Url(BadInputRig rig) => $"api/webhooks/shipstation/{BadInputRig.ShipStationConnection}/{rig.ShipStationSecret}";

    private static string UpsUrl(BadInputRig rig) => $"api/webhooks/ups/{BadInputRig.UpsConnection}/{rig.UpsSecret}";

    private static HttpRequestMessage Post(BadInputRig rig, string path, string body, string? contentType = "application/json")
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        if (contentType is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        return new HttpRequestMessage(HttpMethod.Post, new Uri(rig.BaseAddress, path)) { Content = content };
    }

    private static HttpRequestMessage QboPost(BadInputRig rig, string body, string? signature, string contentType = "application/json")
    {
        var request = Post(rig, "api/webhooks/qbo", body, contentType);
        if (signature is not null)
        {
            request.Headers.TryAddWithoutValidation(QboWebhookSignature.HeaderName, signature);
        }

        return request;
    }

    private static HttpRequestMessage QboSigned(BadInputRig rig, string body) =>
        QboPost(rig, body, QboWebhookSignature.Compute(rig.QboVerifierToken, Encoding.UTF8.GetBytes(body)));

    private static HttpRequestMessage SsV2(BadInputRig rig, string body, string? sign = null, TimeSpan age = default, string? keyId = null, bool dropSignature = false, string? secret = null, string contentType = "application/json")
    {
        var signature = rig.ShipStation.Signer.Sign(sign ?? body, TimeProvider.System.GetUtcNow() - age);
        var request = Post(rig, $"api/webhooks/shipstation/{BadInputRig.ShipStationConnection}/{secret ?? rig.ShipStationSecret}", body, contentType);
        request.Headers.TryAddWithoutValidation("x-shipengine-rsa-sha256-key-id", keyId ?? signature.KeyId);
        if (!dropSignature)
        {
            request.Headers.TryAddWithoutValidation("x-shipengine-rsa-sha256-signature", signature.Signature);
        }

        request.Headers.TryAddWithoutValidation("x-shipengine-timestamp", signature.Timestamp);
        return request;
    }

    private static HttpRequestMessage UpsPost(BadInputRig rig, string body, string apiKey = BadInputRig.UpsClientId, string contentType = "application/json")
    {
        var request = Post(rig, UpsUrl(rig), body, contentType);
        request.Headers.TryAddWithoutValidation("x-api-key", apiKey);
        return request;
    }

    private static string FreshBooksMessage(string form) => FreshBooksWebhookSignature.SignedMessage(FreshBooksWebhookSignature.ParseForm(form));

    private static HttpRequestMessage FreshBooksPost(BadInputRig rig, string form, string? signature = "", string connectionId = BadInputRig.FreshBooksConnection)
    {
        var request = Post(rig, $"api/webhooks/freshbooks/{connectionId}", form, "application/x-www-form-urlencoded");
        signature = signature == string.Empty ? FreshBooksWebhookSignature.Compute(rig.FreshBooksVerifier, FreshBooksMessage(form)) : signature;
        if (signature is not null)
        {
            request.Headers.TryAddWithoutValidation(FreshBooksWebhookSignature.HeaderName, signature);
        }

        return request;
    }

    private static string Envelope(string operation) =>
        $"""<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>{operation}</soap:Body></soap:Envelope>""";

    private static HttpRequestMessage Soap(BadInputRig rig, string envelope)
    {
        var request = Post(rig, "api/qbwc", envelope, "text/xml; charset=utf-8");
        request.Headers.TryAddWithoutValidation("SOAPAction", "\"http://developer.intuit.com/serverVersion\"");
        return request;
    }

    private static HttpRequestMessage Operator(BadInputRig rig, (string Method, string Template, bool Body) route, string id, string? token = "", string? body = null, string contentType = "application/json")
    {
        var path = "api/" + route.Template.Replace("{id}", id, StringComparison.Ordinal).Replace("{instanceId}", id, StringComparison.Ordinal).Replace("{name}", "corpus-secret", StringComparison.Ordinal);
        var request = new HttpRequestMessage(new HttpMethod(route.Method), new Uri(rig.BaseAddress, path));
        if (route.Method is "POST" or "PUT")
        {
            // As the operator CLI sends them: JSON, empty for the POSTs that carry nothing.
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body ?? (route.Body ? "{}" : string.Empty)));
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        token = token == string.Empty ? rig.Host.OperatorToken : token;
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }
}
