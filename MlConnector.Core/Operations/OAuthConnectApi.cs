using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using MlConnector.Core.Auth;
using MlConnector.Core.Connections;
using MlConnector.Core.Errors;
using MlConnector.Core.Failures;

namespace MlConnector.Core.Operations;

/// <summary>
/// The OAuth connect endpoints, shared by both hosts:
/// <c>GET /api/oauth/{provider}/connect/{connectionId}</c> redirects the merchant to the provider's consent page;
/// <c>GET /api/oauth/{provider}/callback?code=&amp;state=&amp;realmId=</c> (the registered redirect URI) exchanges the code,
/// stores the tokens in the secret store and, for QuickBooks Online, writes <c>realmId</c> into the connection's
/// <c>qbo</c> settings so its webhooks route to it; a provider with an <see cref="IOAuthConsentRecorder"/> (FreshBooks)
/// then records its account on the connection. Last, the connection's open failures that failed only because consent had
/// lapsed are replayed (<see cref="ReconsentFailureReplay"/>) for at most <see cref="OAuthOptions.CallbackReplayBudget"/>, so
/// the merchant's browser gets its answer; the <c>ReconsentReplay</c> schedule replays what the callback did not reach.
/// </summary>
/// <remarks>
/// Intuit's callback carries <c>code</c>, <c>state</c> and <c>realmId</c>; a refused consent carries <c>error</c>
/// (https://developer.intuit.com/app/developer/qbo/docs/develop/authentication-and-authorization/oauth-2.0).
/// The connection is found from the signed <c>state</c>, never from a query parameter the caller could choose.
/// </remarks>
/// <param name="tokens">The token manager.</param>
/// <param name="connections">The connection store.</param>
/// <param name="recorders">What providers record after consent (FreshBooks: account and business ids), at most one per provider.</param>
/// <param name="reconsentReplay">Replays the failures that waited for consent.</param>
/// <param name="options">The OAuth settings (<see cref="OAuthOptions.CallbackReplayBudget"/>).</param>
public sealed class OAuthConnectApi(IOAuthTokenManager tokens, IConnectionStore connections, IEnumerable<IOAuthConsentRecorder> recorders, ReconsentFailureReplay reconsentReplay, IOptions<OAuthOptions> options)
{
    /// <summary>Starts consent for a connection.</summary>
    /// <param name="provider">The provider name configured under <c>OAuth:Providers</c> (for example <c>qbo</c>).</param>
    /// <param name="connectionId">The connection.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>302 to the provider's consent page, or 404 when the connection does not exist.</returns>
    public async Task<IResult> ConnectAsync(string provider, string connectionId, CancellationToken cancellationToken = default)
    {
        if (await connections.GetAsync(connectionId, cancellationToken) is null)
        {
            return Results.Problem($"Connection '{connectionId}' does not exist.", statusCode: StatusCodes.Status404NotFound);
        }

        var request = await tokens.BeginAuthorizationAsync(connectionId, provider, cancellationToken);
        return Results.Redirect(request.AuthorizeUrl.ToString());
    }

    /// <summary>Completes consent from the provider's redirect.</summary>
    /// <param name="provider">The provider name.</param>
    /// <param name="query">The callback's query string.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>200 with a short confirmation page, 400 for a refused consent or a bad or expired state, 502 when the provider fails.</returns>
    public async Task<IResult> CallbackAsync(string provider, IQueryCollection query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (!string.IsNullOrEmpty(query["error"]))
        {
            return Results.Problem($"The merchant did not grant access ({query["error"]}). Start again from the connect link.", statusCode: StatusCodes.Status400BadRequest);
        }

        var code = query["code"].ToString();
        var state = query["state"].ToString();
        if (string.IsNullOrEmpty(code) || string.IsNullOrEmpty(state) || !OAuthState.TryGetConnectionId(state, out var connectionId))
        {
            return Results.Problem("The callback lacks a valid code and state.", statusCode: StatusCodes.Status400BadRequest);
        }

        var realmId = query["realmId"].ToString();
        try
        {
            await tokens.ExchangeCodeAsync(connectionId, provider, code, state, string.IsNullOrEmpty(realmId) ? null : realmId, cancellationToken);
        }
        catch (ConnectorAuthException ex)
        {
            return Results.Problem(ex.Message, statusCode: StatusCodes.Status400BadRequest);
        }
        catch (ConnectorException ex)
        {
            return Results.Problem(ex.Message, statusCode: StatusCodes.Status502BadGateway);
        }

        var recorded = string.Empty;
        var recorder = recorders.FirstOrDefault(r => string.Equals(r.Provider, provider, StringComparison.Ordinal));
        if (recorder is null && !string.IsNullOrEmpty(realmId))
        {
            await RecordRoutingKeyAsync(connectionId, provider, realmId, cancellationToken);
        }

        if (recorder is not null)
        {
            try
            {
                recorded = " (" + await recorder.RecordAsync(connectionId, cancellationToken) + ")";
            }
            catch (ConnectorException ex)
            {
                return Results.Problem($"Connected, but {provider} did not say which account was connected ({ex.Kind}): {ex.Message} Start again from the connect link.", statusCode: StatusCodes.Status502BadGateway);
            }
        }

        var pass = await reconsentReplay.ReplayWithinAsync(connectionId, provider, options.Value.CallbackReplayBudget, cancellationToken);
        var replayed = pass.Results.Count(r => r.Outcome is FailureReplayOutcome.Replayed or FailureReplayOutcome.Held);
        var resumed = replayed == 0 ? string.Empty : $" {replayed.ToString(CultureInfo.InvariantCulture)} task(s) that stopped while the connection was disconnected have been restarted.";
        if (!pass.Complete)
        {
            resumed += " Other tasks that stopped while the connection was disconnected are being restarted in the background within a minute.";
        }

        return Results.Content($"<!doctype html><title>Connected</title><p>ml-connector is now connected to {WebEncode(provider)}{WebEncode(recorded)} for connection {WebEncode(connectionId)}.{WebEncode(resumed)} You can close this window.</p>", "text/html; charset=utf-8");
    }

    private static string WebEncode(string value) => System.Net.WebUtility.HtmlEncode(value);

    private async Task RecordRoutingKeyAsync(string connectionId, string provider, string routingKey, CancellationToken cancellationToken)
    {
        try
        {
            await connections.ChangeAsync(connectionId, connection => WithRoutingKey(connection, provider, routingKey), cancellationToken);
        }
        catch (KeyNotFoundException)
        {
            // Deleted while the merchant consented: nothing to route.
        }
    }

    private static Connection WithRoutingKey(Connection connection, string provider, string routingKey)
    {
        var routing = IntegrationKinds.All[connection.Kind].Systems.FirstOrDefault(s => s.Code == provider)?.RoutingSetting;
        if (routing is null || connection.GetSetting(provider, routing) == routingKey)
        {
            return connection;
        }

        var settings = connection.Settings.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        var system = settings.TryGetValue(provider, out var values) ? values.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal) : [];
        system[routing] = routingKey;
        settings[provider] = system;
        return connection with { Settings = settings };
    }
}
