using MlConnector.Tests.Integration;

namespace MlConnector.Tests.Connectors.QuickBooksDesktop;

/// <summary>
/// Every <see cref="QuickBooksWebConnectorServiceTests"/> test again, with the endpoint served the way the Functions app
/// serves it (Core's <c>QuickBooksWebConnectorSoapEndpoint</c> behind a plain route, no SoapCore): the same WSDL operations,
/// ASMX answer shapes, <c>nvu</c>, sessions, and an external entity refused without reading the file.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class QuickBooksWebConnectorSoapEndpointTests(AzuriteFixture azurite) : QuickBooksWebConnectorServiceTests(azurite)
{
    /// <inheritdoc />
    protected override bool FunctionsEndpoint => true;
}
