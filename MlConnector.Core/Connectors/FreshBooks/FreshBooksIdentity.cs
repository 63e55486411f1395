namespace MlConnector.Core.Connectors.FreshBooks;

/// <summary>The signed-in FreshBooks user (<c>GET /auth/api/v1/users/me</c>, python-sdk-fixtures/auth_me_response.json).</summary>
/// <param name="IdentityId">The user's identity id.</param>
/// <param name="Businesses">The businesses the user belongs to, in FreshBooks' order.</param>
public sealed record FreshBooksIdentity(long IdentityId, IReadOnlyList<FreshBooksBusiness> Businesses);
