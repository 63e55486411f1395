using System.Net.Http.Headers;
using MlConnector.Core.Errors;
using MlConnector.Core.Secrets;

namespace MlConnector.Core.Auth;

/// <summary>
/// Sends one grant to a provider's token endpoint (RFC 6749 §4.1.3, §4.4.2, §6) and maps failures onto the error
/// taxonomy. Never retries: repeating a refresh_token grant whose answer was lost would spend a rotated, single-use
/// refresh token (Intuit and FreshBooks rotate, PROTOCOL-NOTES §2 and §4).
/// </summary>
/// <param name="httpClientFactory">Supplies the named client <see cref="OAuthTokenManager.HttpClientName"/>.</param>
/// <param name="secrets">Holds the client secrets.</param>
/// <param name="timeProvider">The clock, for an HTTP-date <c>Retry-After</c>.</param>
internal sealed class OAuthTokenEndpoint(IHttpClientFactory httpClientFactory, ISecretStore secrets, TimeProvider timeProvider)
{
    /// <summary>Intuit's opt-in header for <c>x_refresh_token_hard_expires_in</c> (PROTOCOL-NOTES §2).</summary>
    public const string HardExpiryHeader = "x-include-refresh-token-hard-expires-in";

    public async Task<OAuthTokenResponse> RequestAsync(
        string providerName,
        OAuthProviderOptions provider,
        Uri endpoint,
        IReadOnlyList<KeyValuePair<string, string>> grant,
        IReadOnlyList<KeyValuePair<string, string>> headers,
        CancellationToken cancellationToken = default)
    {
        var clientSecret = await secrets.GetAsync(provider.ClientSecretName, cancellationToken)
            ?? throw new ConnectorException(providerName, ErrorKind.Unknown, $"The client secret '{provider.ClientSecretName}' for {providerName} is not in the secret store.");

        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        foreach (var (name, value) in provider.ExtraHeaders)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        var fields = new List<KeyValuePair<string, string>>(grant);
        switch (provider.AuthStyle)
        {
            case OAuthClientAuthStyle.Basic:
                // Intuit and UPS take Base64(client_id:client_secret) as is.
                request.Headers.Authorization = new AuthenticationHeaderValue(
                    "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(provider.ClientId + ":" + clientSecret)));
                request.Content = new FormUrlEncodedContent(fields);
                break;
            case OAuthClientAuthStyle.Post:
                fields.Add(new("client_id", provider.ClientId));
                fields.Add(new("client_secret", clientSecret));
                request.Content = new FormUrlEncodedContent(fields);
                break;
            case OAuthClientAuthStyle.Json:
                fields.Add(new("client_id", provider.ClientId));
                fields.Add(new("client_secret", clientSecret));
                var body = fields.ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);
                request.Content = new StringContent(
                    JsonSerializer.Serialize(body, OAuthJsonContext.Default.DictionaryStringString), Encoding.UTF8, "application/json");
                break;
            default:
                throw new InvalidOperationException($"Unknown client authentication style {provider.AuthStyle}.");
        }

        var http = httpClientFactory.CreateClient(OAuthTokenManager.HttpClientName);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw new ConnectorException(providerName, ErrorKind.Transient, $"The {providerName} token endpoint could not be reached.", innerException: ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ConnectorException(providerName, ErrorKind.Transient, $"The {providerName} token endpoint did not answer in time.", innerException: ex);
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            var parsed = TryParse(text);
            if (response.IsSuccessStatusCode && parsed is { AccessToken.Length: > 0 })
            {
                return parsed;
            }

            throw MapFailure(providerName, response, parsed, timeProvider.GetUtcNow());
        }
    }

    private static OAuthTokenResponse? TryParse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(text, OAuthJsonContext.Default.OAuthTokenResponse);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static ConnectorException MapFailure(string providerName, HttpResponseMessage response, OAuthTokenResponse? body, DateTimeOffset now)
    {
        var status = response.StatusCode;
        var vendorError = body?.Response?.Errors?.FirstOrDefault();
        var code = body?.Error ?? vendorError?.Code;
        var description = body?.ErrorDescription ?? vendorError?.Message;

        // Only the error code and description are kept: the raw body is not copied, in case a provider echoes a grant.
        var detail = code is null ? null : (description is null ? code : code + ": " + description);
        var requestId = response.Headers.TryGetValues("intuit_tid", out var tids) ? tids.FirstOrDefault() : null;

        if (response.IsSuccessStatusCode)
        {
            return new ConnectorException(providerName, ErrorKind.Unknown, $"The {providerName} token endpoint answered {(int)status} without an access token.", status, code, detail, requestId);
        }

        if (string.Equals(code, "invalid_grant", StringComparison.Ordinal)
            || status is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            return new ConnectorAuthException(providerName, $"The {providerName} token endpoint refused the grant (HTTP {(int)status}, {code ?? "no error code"}).", status, code, detail, requestId);
        }

        if (status == HttpStatusCode.TooManyRequests)
        {
            var retryAfter = response.Headers.RetryAfter?.Delta
                ?? (response.Headers.RetryAfter?.Date is { } date && date > now ? date - now : null);
            return new ConnectorRateLimitedException(providerName, $"The {providerName} token endpoint throttled the request.", retryAfter, status, code, detail, requestId);
        }

        var transient = (int)status >= 500 || status == HttpStatusCode.RequestTimeout;
        return new ConnectorException(
            providerName,
            transient ? ErrorKind.Transient : ErrorKind.Unknown,
            $"The {providerName} token endpoint answered HTTP {(int)status}.",
            status,
            code,
            detail,
            requestId);
    }
}
