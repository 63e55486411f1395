using MlConnector.Sandbox.OAuth;
using MlConnector.Tests.Integration;

namespace MlConnector.Tests.TestSupport;

/// <summary>The configuration a test's standalone host needs: real Azurite storage under its own prefix, and QBO OAuth against the OAuth simulator.</summary>
public static class TestHostSettings
{
    /// <summary>The QBO OAuth client id registered with the OAuth simulator by tests.</summary>
    public const string QboClientId = "mlc-client";

    /// <summary>The secret name of the QBO client secret.</summary>
    public const string QboClientSecretName = "qbo-client-secret";

    /// <summary>Storage on Azurite, with the table prefix and a local Data Protection key directory of its own.</summary>
    public static Dictionary<string, string?> Storage(AzuriteFixture azurite, string prefix)
    {
        ArgumentNullException.ThrowIfNull(azurite);
        return new()
        {
            ["Storage:ConnectionString"] = azurite.ConnectionString,
            ["Storage:TablePrefix"] = prefix,
            ["Secrets:LocalKeyDirectory"] = Path.Combine(Path.GetTempPath(), "mlc-keys-" + prefix),
        };
    }

    /// <summary>Adds the <c>qbo</c> OAuth provider, pointed at the simulator, with the callback on <paramref name="port"/>.</summary>
    public static Dictionary<string, string?> WithQboOAuth(this Dictionary<string, string?> settings, OAuthServerSimulator idp, int port)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(idp);
        settings["OAuth:Providers:qbo:RedirectUri"] = $"http://127.0.0.1:{port}/api/oauth/qbo/callback";
        settings["OAuth:Providers:qbo:AuthorizeEndpoint"] = idp.AuthorizeEndpoint.ToString();
        settings["OAuth:Providers:qbo:TokenEndpoint"] = idp.TokenEndpoint.ToString();
        settings["OAuth:Providers:qbo:ClientId"] = QboClientId;
        settings["OAuth:Providers:qbo:ClientSecretName"] = QboClientSecretName;
        settings["OAuth:Providers:qbo:Scopes:0"] = "com.intuit.quickbooks.accounting";
        return settings;
    }
}
