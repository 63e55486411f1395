using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MlConnector.Core.Audit;
using MlConnector.Core.Auth;
using MlConnector.Core.Secrets;
using MlConnector.Core.Storage;
using Moq;

namespace MlConnector.Tests.Auth;

public class AuthServiceCollectionExtensionsTests
{
    [Fact]
    public void AddOAuthTokenManagement_ValidConfiguration_BindsProvidersAndResolvesManager()
    {
        // Arrange
        using var provider = CreateSut(new Dictionary<string, string?>
        {
            ["OAuth:AccessTokenSkew"] = "00:02:00",
            ["OAuth:Providers:qbo:TokenEndpoint"] = "https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer",
            ["OAuth:Providers:qbo:AuthorizeEndpoint"] = "https://appcenter.intuit.com/connect/oauth2",
            ["OAuth:Providers:qbo:ClientId"] = "abc",
            ["OAuth:Providers:qbo:ClientSecretName"] = "qbo-client-secret",
            ["OAuth:Providers:qbo:Scopes:0"] = "com.intuit.quickbooks.accounting",
            ["OAuth:Providers:qbo:RequestRefreshTokenHardExpiry"] = "true",
            ["OAuth:Providers:ups:TokenEndpoint"] = "https://onlinetools.ups.com/security/v1/oauth/token",
            ["OAuth:Providers:ups:ClientId"] = "def",
            ["OAuth:Providers:ups:ClientSecretName"] = "ups-client-secret",
            ["OAuth:Providers:ups:MerchantIdHeader"] = "x-merchant-id",
        });

        // Act
        var options = provider.GetRequiredService<IOptions<OAuthOptions>>().Value;
        var manager = provider.GetRequiredService<IOAuthTokenManager>();
        var http = provider.GetRequiredService<IHttpClientFactory>().CreateClient(OAuthTokenManager.HttpClientName);

        // Assert
        Assert.IsType<OAuthTokenManager>(manager);
        Assert.Equal(TimeSpan.FromMinutes(2), options.AccessTokenSkew);
        Assert.Equal(["com.intuit.quickbooks.accounting"], options.Providers["qbo"].Scopes);
        Assert.True(options.Providers["qbo"].RequestRefreshTokenHardExpiry);
        Assert.Equal(250, options.Providers["ups"].DailyTokenRequestQuota);
        Assert.Equal(TimeSpan.FromSeconds(30), http.Timeout);
    }

    [Fact]
    public void AddOAuthTokenManagement_ProviderWithoutClientSecretName_FailsValidation()
    {
        // Arrange
        using var provider = CreateSut(new Dictionary<string, string?>
        {
            ["OAuth:Providers:ups:TokenEndpoint"] = "https://onlinetools.ups.com/security/v1/oauth/token",
            ["OAuth:Providers:ups:ClientId"] = "def",
        });

        // Act
        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<OAuthOptions>>().Value);

        // Assert
        Assert.Contains(ex.Failures, f => f.Contains("OAuth:Providers:ups", StringComparison.Ordinal) && f.Contains("ClientSecretName", StringComparison.Ordinal));
    }

    private static ServiceProvider CreateSut(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton(Mock.Of<ISecretStore>());
        services.AddSingleton(Mock.Of<IAuditTrail>());
        services.AddSingleton(new TableProvider(new TableServiceClient("UseDevelopmentStorage=true"), new StorageNames("t")));
        services.AddOAuthTokenManagement();
        return services.BuildServiceProvider();
    }
}
