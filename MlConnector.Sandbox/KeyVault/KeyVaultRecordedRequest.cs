namespace MlConnector.Sandbox.KeyVault;

/// <summary>One request the <see cref="KeyVaultSimulator"/> answered. Bodies are not recorded: they hold secret values.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The request path, for example <c>/secrets/conn-1-api-key</c>.</param>
/// <param name="ApiVersion">The <c>api-version</c> query value, if sent.</param>
/// <param name="BearerToken">The bearer token from <c>Authorization</c>, or null when the call was unauthenticated.</param>
/// <param name="StatusCode">The status the simulator answered.</param>
public sealed record KeyVaultRecordedRequest(string Method, string Path, string? ApiVersion, string? BearerToken, int StatusCode);
