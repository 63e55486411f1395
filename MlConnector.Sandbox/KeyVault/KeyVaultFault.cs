namespace MlConnector.Sandbox.KeyVault;

/// <summary>A failure the <see cref="KeyVaultSimulator"/> returns instead of serving the next authenticated request.</summary>
/// <param name="StatusCode">The HTTP status, for example 403, 429 or 503.</param>
/// <param name="ErrorCode">The Key Vault error code in <c>{"error":{"code":...}}</c>, for example <c>Forbidden</c> or <c>Throttled</c>.</param>
/// <param name="Message">The error message.</param>
/// <param name="RetryAfter">A <c>Retry-After</c> header value in seconds, if any.</param>
public sealed record KeyVaultFault(int StatusCode, string ErrorCode, string Message, int? RetryAfter = null);
