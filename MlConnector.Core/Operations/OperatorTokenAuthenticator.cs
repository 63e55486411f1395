using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using MlConnector.Core.Secrets;

namespace MlConnector.Core.Operations;

/// <summary>
/// The standalone host's operator authentication: one bearer token, generated at first start (32 random bytes,
/// base64url) and kept in the <see cref="ISecretStore"/> under <see cref="OperatorAccessOptions.TokenSecretName"/>, so
/// every <c>serve</c> process on the same storage shares it and it survives restarts. Presented tokens are compared
/// in constant time (<see cref="SecretComparison"/>).
/// </summary>
/// <param name="secrets">The secret store.</param>
/// <param name="options">The operator access options.</param>
public sealed class OperatorTokenAuthenticator(ISecretStore secrets, IOptions<OperatorAccessOptions> options)
{
    private readonly Lock _gate = new();
    private Task<string>? _token;

    /// <summary>Reads the token from the secret store, creating and storing it on the first start.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The token (the caller shows it to the operator only through a user-only file).</returns>
    public Task<string> EnsureTokenAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            // One load for all callers; a failed load (storage down) is tried again by the next caller.
            if (_token is null || _token.IsFaulted || _token.IsCanceled)
            {
                _token = LoadAsync(CancellationToken.None);
            }

            return _token.WaitAsync(cancellationToken);
        }
    }

    private async Task<string> LoadAsync(CancellationToken cancellationToken)
    {
        var name = options.Value.TokenSecretName;
        var token = await secrets.GetAsync(name, cancellationToken);
        if (string.IsNullOrEmpty(token))
        {
            token = Base64Url(RandomNumberGenerator.GetBytes(32));
            await secrets.SetAsync(name, token, cancellationToken);
        }

        return token;
    }

    /// <summary>Authenticates a request by its <c>Authorization: Bearer</c> header.</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The operator, or null when the header is missing or the token is wrong.</returns>
    public async Task<OperatorIdentity?> AuthenticateAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var header = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var expected = await EnsureTokenAsync(cancellationToken);
        return SecretComparison.FixedTimeEquals(expected, header[scheme.Length..].Trim())
            ? OperatorIdentity.Declared(request, OperatorIdentity.BearerToken)
            : null;
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
