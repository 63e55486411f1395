using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MlConnector.Core.Auth;
using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.QuickBooksOnline;
using MlConnector.Core.Errors;
using MlConnector.Core.Resilience;
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
        Assert.Equal(30, options.BatchMaxItems);
        Assert.Equal(30, client.BatchMaxItems);
        Assert.Equal(new Uri("https://quickbooks.api.intuit.com/"), options.ProductionBaseUrl);
        Assert.Single(classifiers, c => c.Connector == "qbo");
    }

    [Fact]
    public void AddQuickBooksOnlineConnector_RegistersTheRequestAndBatchBudgetsUnderIntuitsLimits()
    {
        // Arrange
        using var provider = CreateSut([]);
        var registry = provider.GetRequiredService<RateGovernorRegistry>();

        // Act
        var requests = registry.GetPolicy("qbo");
        var batch = registry.GetPolicy(QuickBooksOnlineClient.BatchBudget);

        // Assert (Intuit: 500/min, 10/s, 10 concurrent and 40 batch requests/min per realm; a 429 costs a minute)
        Assert.Same(QuickBooksOnlineRatePolicies.Requests, requests);
        Assert.Equal(8, requests.MaxConcurrency);
        Assert.Contains(requests.Windows, w => w.PermitLimit == 450 && w.Window == TimeSpan.FromMinutes(1));
        Assert.Contains(requests.Windows, w => w.PermitLimit == 8 && w.Window == TimeSpan.FromSeconds(1));
        Assert.Equal(TimeSpan.FromSeconds(60), requests.ThrottlePause);
        Assert.Same(QuickBooksOnlineRatePolicies.Batch, batch);
        Assert.Null(batch.MaxConcurrency);
        Assert.Single(batch.Windows, w => w.PermitLimit == 38 && w.Window == TimeSpan.FromMinutes(1));
        Assert.Equal(TimeSpan.FromSeconds(60), batch.ThrottlePause);
    }

    [Theory]
    [InlineData("Connectors:QuickBooksOnline:QueryPageSize", "1001")]
    [InlineData("Connectors:QuickBooksOnline:MinorVersion", "74")]
    [InlineData("Connectors:QuickBooksOnline:DefaultEnvironment", "staging")]
    [InlineData("Connectors:QuickBooksOnline:BatchMaxItems", "31")]
    [InlineData("Connectors:QuickBooksOnline:BatchMaxItems", "0")]
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
