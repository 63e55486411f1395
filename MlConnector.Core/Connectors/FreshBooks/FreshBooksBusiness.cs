namespace MlConnector.Core.Connectors.FreshBooks;

/// <summary>
/// A business the signed-in FreshBooks user belongs to (<c>users/me</c> → <c>business_memberships[]</c>).
/// </summary>
/// <param name="BusinessId">The <c>business_id</c> (projects and time tracking).</param>
/// <param name="AccountId">The <c>account_id</c> that scopes the accounting resources (clients, invoices, callbacks).</param>
/// <param name="Name">The business name.</param>
/// <param name="Role">The user's role, for example <c>owner</c>.</param>
public sealed record FreshBooksBusiness(long BusinessId, string AccountId, string Name, string? Role);
