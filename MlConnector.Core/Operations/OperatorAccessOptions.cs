namespace MlConnector.Core.Operations;

/// <summary>Who may call the operator API and how (section <c>Operator</c>).</summary>
/// <remarks>Holds names only, never the token itself: the standalone host's token lives in the secret store.</remarks>
public sealed class OperatorAccessOptions
{
    /// <summary>The configuration section: <c>Operator</c>.</summary>
    public const string SectionName = "Operator";

    /// <summary>
    /// The host names (without port) operator requests may be addressed to, besides <c>localhost</c>, <c>127.0.0.1</c>
    /// and <c>[::1]</c> (and, on Azure, the app's own <c>WEBSITE_HOSTNAME</c>). A request whose <c>Host</c> is not in the
    /// list is refused with 400, which defeats DNS rebinding: a web page that rebinds its own name to 127.0.0.1 still
    /// sends its own name as <c>Host</c>. Add the name of a reverse proxy or custom domain here.
    /// </summary>
    public IList<string> AllowedHosts { get; } = [];

    /// <summary>
    /// The secret-store name of the standalone host's operator bearer token, generated at first start
    /// (default <c>operator-api-token</c>). Several <c>serve</c> processes on one storage account share it.
    /// </summary>
    public string TokenSecretName { get; set; } = "operator-api-token";

    /// <summary>The host names every host accepts: the loopback names.</summary>
    public static IReadOnlyList<string> LoopbackHosts { get; } = ["localhost", "127.0.0.1", "[::1]"];
}
