using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MlConnector.Core.Auth;
using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.QuickBooksOnline;
using MlConnector.Core.Errors;
using Moq;

namespace MlConnector.Tests.Connectors.QuickBooksOnline;

public sealed class QuickBooksOnlineServiceCollectionExtensionsTests
{
    [Fact]
    public void AddQuickBooksOnlineConnector_Defaults_ResolvesClientClassifierAndOptions()
    {
        // Arrange
        using var provider = CreateSut([]);

        // Act
        var client = provider.GetRequiredService<IQuickBooksOnlineClient>();
        var options = provider.GetRequiredService<IOptions<QuickBooksOnlineOptions>>().Value;
        var classifiers = provider.GetServices<IVendorErrorClassifier>();

        // Assert
        Assert.IsType<QuickBooksOnlineClient>(client);
        Assert.Equal(75, options.MinorVersion);
        Assert.Equal(1000, options.QueryPageSize);
        Assert.Equal(new Uri("https://quickbooks.api.intuit.com/"), options.ProductionBaseUrl);
        Assert.Single(classifiers, c => c.Connector == "qbo");
    }

    [Theory]
    [InlineData("Connectors:QuickBooksOnline:QueryPageSize", "1001")]
    [InlineData("Connectors:QuickBooksOnline:MinorVersion", "74")]
    [InlineData("Connectors:QuickBooksOnline:DefaultEnvironment", "staging")]
    public void AddQuickBooksOnlineConnector_InvalidOption_FailsValidation(string key, string value)
    {
        // Arrange
        using var provider = CreateSut(new() { [key] = value });

        // Act / Assert
        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<QuickBooksOnlineOptions>>().Value);
    }

    private static ServiceProvider CreateSut(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddSingleton(Mock.Of<IConnectionStore>());
        services.AddSingleton(Mock.Of<IOAuthTokenManager>());
        services.AddQuickBooksOnlineConnector();
        return services.BuildServiceProvider();
    }
}
