namespace MlConnector.Core.Connectors.QuickBooksOnline;

/// <summary>Where one connection's QBO company lives: the realm and the API host.</summary>
/// <param name="ConnectionId">The connection.</param>
/// <param name="RealmId">The QBO company id (<c>qbo.realmId</c>).</param>
/// <param name="BaseUrl">The API host, ending in <c>/</c>.</param>
internal sealed record QboCompany(string ConnectionId, string RealmId, Uri BaseUrl);
