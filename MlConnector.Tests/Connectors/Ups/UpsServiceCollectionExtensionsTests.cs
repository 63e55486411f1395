using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MlConnector.Core.Auth;
using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.Ups;
using MlConnector.Core.Errors;
using MlConnector.Core.Resilience;
using MlConnector.Core.Secrets;
using Moq;

namespace MlConnector.Tests.Connectors.Ups;

public sealed class UpsServiceCollectionExtensionsTests
{
    [Fact]
    public void AddUpsConnector_Defaults_ResolvesClientClassifierOptionsAndConcurrencyPolicy()
    {
        // Arrange
        using var provider = CreateSut([]);

        // Act
        var client = provider.GetRequiredService<IUpsClient>();
        var options = provider.GetRequiredService<IOptions<UpsOptions>>().Value;
        var policy = provider.GetRequiredService<RateGovernorRegistry>().GetPolicy("ups");

        // Assert
        Assert.IsType<UpsClient>(client);
        Assert.Equal(new Uri("https://onlinetools.ups.com/api/"), options.ProductionBaseUrl);
        Assert.Equal(new Uri("https://wwwcie.ups.com/api/"), options.CieBaseUrl);
        Assert.Equal(("production", "GIF"), (options.DefaultEnvironment, options.LabelImageFormat));
        Assert.Single(provider.GetServices<IVendorErrorClassifier>(), c => c.Connector == "ups");
        Assert.Equal(4, policy.MaxConcurrency);
        Assert.Empty(policy.Windows);
    }

    [Fact]
    public void AddUpsConnector_UpsProviderWithClientOnly_FillsTokenEndpointMerchantHeaderAndQuota()
    {
        // Arrange
        using var provider = CreateSut(new()
        {
            ["OAuth:Providers:ups:ClientId"] = "abc",
            ["OAuth:Providers:ups:ClientSecretName"] = "ups-client-secret",
        });

        // Act
        var ups = provider.GetRequiredService<IOptions<OAuthOptions>>().Value.Providers["ups"];

        // Assert
        Assert.Equal(new Uri("https://onlinetools.ups.com/security/v1/oauth/token"), ups.TokenEndpoint);
        Assert.Equal("x-merchant-id", ups.MerchantIdHeader);
        Assert.Equal(250, ups.DailyTokenRequestQuota);
    }

    [Fact]
    public void AddUpsConnector_ConfiguredTokenEndpoint_IsKept()
    {
        // Arrange
        using var provider = CreateSut(new()
        {
            ["OAuth:Providers:ups:TokenEndpoint"] = "https://wwwcie.ups.com/security/v1/oauth/token",
            ["OAuth:Providers:ups:ClientId"] = "abc",
            ["OAuth:Providers:ups:ClientSecretName"] = "ups-client-secret",
        });

        // Act
        var ups = provider.GetRequiredService<IOptions<OAuthOptions>>().Value.Providers["ups"];

        // Assert
        Assert.Equal(new Uri("https://wwwcie.ups.com/security/v1/oauth/token"), ups.TokenEndpoint);
    }

    [Fact]
    public void AddUpsConnector_NoUpsProvider_AddsNone()
    {
        // Arrange
        using var provider = CreateSut([]);

        // Act
        var providers = provider.GetRequiredService<IOptions<OAuthOptions>>().Value.Providers;

        // Assert
        Assert.False(providers.ContainsKey("ups"));
    }

    [Theory]
    [InlineData("Connectors:Ups:DefaultEnvironment", "staging")]
    [InlineData("Connectors:Ups:MaxConcurrency", "0")]
    [InlineData("Connectors:Ups:LabelImageFormat", "PDF")]
    public void AddUpsConnector_InvalidOption_FailsValidation(string key, string value)
    {
        // Arrange
        using var provider = CreateSut(new() { [key] = value });

        // Act / Assert
        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<UpsOptions>>().Value);
    }

    private static ServiceProvider CreateSut(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddSingleton(Mock.Of<IConnectionStore>());
        services.AddSingleton(Mock.Of<ISecretStore>());
        services.AddSingleton(Mock.Of<IOAuthTokenManager>());
        services.AddOptions<OAuthOptions>().BindConfiguration(OAuthOptions.SectionName);
        services.AddUpsConnector();
        return services.BuildServiceProvider();
    }
}
