namespace MlConnector.Core.Auth;

/// <summary>Source-generated JSON metadata for token-endpoint bodies.</summary>
[JsonSerializable(typeof(OAuthTokenResponse))]
[JsonSerializable(typeof(OAuthSharedToken))]
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class OAuthJsonContext : JsonSerializerContext
{
}
