namespace MlConnector.Core.Connectors.FreshBooks.Wire;

/// <summary><c>GET /auth/api/v1/users/me</c> (python-sdk-fixtures/auth_me_response.json): <c>{"response":{…}}</c> without <c>result</c>.</summary>
internal sealed class IdentityWire
{
    [JsonPropertyName("response")]
    public IdentityUserWire? Response { get; set; }
}
