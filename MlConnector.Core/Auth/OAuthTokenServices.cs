using MlConnector.Core.Secrets;

namespace MlConnector.Core.Auth;

/// <summary>What every token service by job works with: the Tokens table, the token endpoint, the in-memory cache, the
/// secret store, the token audit, the options, the clock and the logger (one instance of each per token manager).</summary>
/// <param name="Rows">The Tokens table.</param>
/// <param name="Endpoint">The token endpoint.</param>
/// <param name="Cache">The in-memory access tokens and gates.</param>
/// <param name="Secrets">Where tokens, client secrets and merchant ids live.</param>
/// <param name="Audit">The token audit.</param>
/// <param name="Options">The OAuth options.</param>
/// <param name="Time">The clock.</param>
/// <param name="Logger">The token manager's logger.</param>
internal sealed record OAuthTokenServices(
    OAuthTokenRows Rows,
    OAuthTokenEndpoint Endpoint,
    OAuthAccessTokenCache Cache,
    ISecretStore Secrets,
    OAuthTokenAudit Audit,
    OAuthOptions Options,
    TimeProvider Time,
    ILogger Logger);
