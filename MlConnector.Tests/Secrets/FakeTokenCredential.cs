using System.Collections.Concurrent;
using Azure.Core;
using Azure.Identity;

namespace MlConnector.Tests.Secrets;

/// <summary>A credential that hands out a fixed token and records what it was asked for.</summary>
public sealed class FakeTokenCredential(string token) : TokenCredential
{
    private static readonly DateTimeOffset Expiry = new(2100, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly ConcurrentQueue<TokenRequestContext> _requests = new();

    /// <summary>When true, every token request fails as an unusable managed identity would.</summary>
    public bool Fail { get; set; }

    public IReadOnlyList<TokenRequestContext> Requests => [.. _requests];

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        _requests.Enqueue(requestContext);
        return Fail
            ? throw new AuthenticationFailedException("ManagedIdentityCredential authentication failed: no identity is assigned.")
            : new AccessToken(token, Expiry);
    }

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));
}
