using System.Reflection;
using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection;
using MlConnector.Core.Connections;
using MlConnector.Core.Errors;
using MlConnector.Core.Resilience;
using MlConnector.Tests.Infra;

namespace MlConnector.Tests.Connectors;

/// <summary>
/// The one connector shape of docs/connectors/README.md, checked on the compiled Core for every HTTP connector: client and
/// interface, the public connector code, options with their section, the auth handler, internal <c>Wire/</c> types, one
/// JSON context named after the vendor, the error classifier, <c>Log</c>, and one DI extension that returns the client's
/// builder and registers the connector's rate policy. QuickBooks Desktop is the one folder without it (pulled by the Web
/// Connector over SOAP, nothing is sent to it).
/// </summary>
public sealed class ConnectorShapeTests
{
    private const string ConnectorsNamespace = "MlConnector.Core.Connectors";

    private static readonly Assembly Core = typeof(IntegrationKinds).Assembly;

    private static readonly string[] ShapedVendors = ["FreshBooks", "QuickBooksOnline", "ShipStation", "SpsCommerce", "Ups"];

    public static TheoryData<string> Vendors => new(ShapedVendors);

    [Fact]
    public void ConnectorFolders_AreTheShapedVendorsAndQuickBooksDesktop()
    {
        // Arrange
        var expected = ShapedVendors.Append("QuickBooksDesktop").Order(StringComparer.Ordinal);

        // Act
        var folders = Directory.GetDirectories(RepositoryPaths.Combine("MlConnector.Core", "Connectors")).Select(Path.GetFileName).Order(StringComparer.Ordinal);

        // Assert
        Assert.Equal(expected, folders);
    }

    [Theory]
    [MemberData(nameof(Vendors))]
    public void Connector_HasClientOptionsAuthHandlerClassifierAndLog(string vendor)
    {
        // Act
        var contract = TypeOf(vendor, "I" + vendor + "Client");
        var client = TypeOf(vendor, vendor + "Client");
        var options = TypeOf(vendor, vendor + "Options");
        var handler = TypeOf(vendor, vendor + "AuthHandler");
        var classifier = TypeOf(vendor, vendor + "ErrorClassifier");

        // Assert
        Assert.True(contract.IsInterface && contract.IsPublic, $"I{vendor}Client is a public interface");
        Assert.True(client.IsSealed && client.IsAssignableTo(contract), $"{vendor}Client is sealed and implements I{vendor}Client");
        Assert.IsType<string>(client.GetField("Connector", BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue());
        Assert.True(options.IsSealed, $"{vendor}Options is sealed");
        Assert.Equal("Connectors:" + vendor, options.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue());
        Assert.True(handler.IsAssignableTo(typeof(DelegatingHandler)), $"{vendor}AuthHandler is a DelegatingHandler");
        Assert.True(classifier.IsAssignableTo(typeof(IVendorErrorClassifier)), $"{vendor}ErrorClassifier is an IVendorErrorClassifier");
        Assert.True(TypeOf(vendor, "Log") is { IsAbstract: true, IsSealed: true }, $"{vendor} has a static Log class");
    }

    [Theory]
    [MemberData(nameof(Vendors))]
    public void Connector_HasInternalWireTypesAndOneJsonContextNamedAfterTheVendor(string vendor)
    {
        // Arrange
        var ns = ConnectorsNamespace + "." + vendor;

        // Act
        var wire = Core.GetTypes().Where(t => t.Namespace == ns + ".Wire" && !t.IsNested && !IsCompilerGenerated(t)).ToList();
        var contexts = Core.GetTypes().Where(t => t.Namespace == ns && t.IsSubclassOf(typeof(JsonSerializerContext))).Select(t => t.Name).ToList();

        // Assert
        Assert.NotEmpty(wire);
        Assert.All(wire, t => Assert.False(t.IsPublic, $"{t.FullName} is a wire type and stays internal"));
        Assert.Equal([vendor + "JsonContext"], contexts);
    }

    [Theory]
    [MemberData(nameof(Vendors))]
    public void AddConnector_ReturnsTheClientBuilderAndRegistersARatePolicy(string vendor)
    {
        // Arrange
        var extensions = TypeOf(vendor, vendor + "ServiceCollectionExtensions");
        var add = extensions.GetMethod("Add" + vendor + "Connector", BindingFlags.Public | BindingFlags.Static, [typeof(IServiceCollection)]);
        var services = new ServiceCollection();

        // Act
        var builder = add?.Invoke(null, [services]);

        // Assert
        Assert.NotNull(add);
        Assert.IsAssignableFrom<IHttpClientBuilder>(builder);
        Assert.Contains(services, d => d.ServiceType == typeof(RateLimitPolicyRegistration));
    }

    private static Type TypeOf(string vendor, string name) =>
        Core.GetType(ConnectorsNamespace + "." + vendor + "." + name) ?? throw new Xunit.Sdk.XunitException($"{ConnectorsNamespace}.{vendor}.{name} is missing");

    private static bool IsCompilerGenerated(Type type) => type.IsDefined(typeof(System.Runtime.CompilerServices.CompilerGeneratedAttribute), inherit: false);
}
