using MlConnector.Cli.Serve;

namespace MlConnector.Cli.Operator;

/// <summary>
/// How the CLI authenticates to a host's operator API: the standalone host's bearer token, or an Azure Functions
/// function key. Looked up in this order: <c>MLCONNECTOR_TOKEN</c>, <c>MLCONNECTOR_FUNCTION_KEY</c>, then the token file
/// <c>serve</c> writes (<c>MLCONNECTOR_TOKEN_FILE</c>, default <c>./.mlconnector/operator-token</c>). Never taken from
/// the command line, so it stays out of shell history and process listings.
/// </summary>
/// <param name="BearerToken">The standalone host's operator token.</param>
/// <param name="FunctionKey">A function or host key of the Functions app.</param>
internal sealed record OperatorCredential(string? BearerToken, string? FunctionKey)
{
    public const string TokenVariable = "MLCONNECTOR_TOKEN";
    public const string FunctionKeyVariable = "MLCONNECTOR_FUNCTION_KEY";
    public const string TokenFileVariable = "MLCONNECTOR_TOKEN_FILE";

    public bool IsEmpty => string.IsNullOrEmpty(BearerToken) && string.IsNullOrEmpty(FunctionKey);

    public static async Task<OperatorCredential> FindAsync(CancellationToken cancellationToken = default)
    {
        if (Environment.GetEnvironmentVariable(TokenVariable) is { Length: > 0 } token)
        {
            return new(token.Trim(), null);
        }

        if (Environment.GetEnvironmentVariable(FunctionKeyVariable) is { Length: > 0 } key)
        {
            return new(null, key.Trim());
        }

        var file = Environment.GetEnvironmentVariable(TokenFileVariable) is { Length: > 0 } path ? path : OperatorTokenFile.DefaultPath;
        return new(await OperatorTokenFile.ReadAsync(file, cancellationToken), null);
    }

    /// <summary>Adds the credential and the operator's declared name to every request of <paramref name="http"/>.</summary>
    public void Apply(HttpClient http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (!string.IsNullOrEmpty(BearerToken))
        {
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", BearerToken);
        }

        if (!string.IsNullOrEmpty(FunctionKey))
        {
            http.DefaultRequestHeaders.Add("x-functions-key", FunctionKey);
        }

        var user = Core.Operations.OperatorIdentity.Clean(Environment.UserName);
        if (user is not null)
        {
            http.DefaultRequestHeaders.Add(Core.Operations.OperatorIdentity.NameHeader, user);
        }
    }

    /// <summary>Never prints the secret.</summary>
    public override string ToString() => IsEmpty ? "none" : BearerToken is not null ? "bearer token" : "function key";
}
