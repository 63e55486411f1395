using System.Xml.Linq;
using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.QuickBooksDesktop.WebConnector;

namespace MlConnector.Tests.Connectors.QuickBooksDesktop;

public sealed class QuickBooksWebConnectorFileTests
{
    private static readonly Guid OwnerId = Guid.Parse("57f3b9b1-86f1-4fcc-b1ee-566de1813d20");

    [Fact]
    public void Create_WritesEveryFieldQbwcReads()
    {
        var file = XDocument.Parse(QuickBooksWebConnectorFile.Create(Connection("acme-qbd", ("qbwcUserName", "acme-qbwc"), ("runEveryMinutes", "5")), new Uri("https://connector.example.com/qbwc"), OwnerId)).Root!;

        Assert.Equal("QBWCXML", file.Name.LocalName);
        Assert.Equal("https://connector.example.com/qbwc", (string?)file.Element("AppURL"));
        Assert.Equal("https://connector.example.com/qbwc?wsdl", (string?)file.Element("AppSupport"));
        Assert.Equal("acme-qbwc", (string?)file.Element("UserName"));
        Assert.Equal("{57F3B9B1-86F1-4FCC-B1EE-566DE1813D20}", (string?)file.Element("OwnerID"));
        Assert.Equal("QBFS", (string?)file.Element("QBType"));
        Assert.Equal("5", (string?)file.Element("Scheduler")?.Element("RunEveryNMinutes"));
        Assert.DoesNotContain("Password", file.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void FileId_IsStablePerConnectionAndDiffersBetweenConnections()
    {
        Assert.Equal(QuickBooksWebConnectorFile.FileId("acme-qbd"), QuickBooksWebConnectorFile.FileId("acme-qbd"));
        Assert.NotEqual(QuickBooksWebConnectorFile.FileId("acme-qbd"), QuickBooksWebConnectorFile.FileId("other-qbd"));
    }

    [Theory]
    [InlineData("http://connector.example.com/qbwc", false)]
    [InlineData("http://localhost:5000/qbwc", true)]
    [InlineData("https://connector.example.com/qbwc", true)]
    public void Create_RequiresHttpsExceptOnLocalhost(string url, bool allowed)
    {
        var create = () => QuickBooksWebConnectorFile.Create(Connection("acme-qbd", ("qbwcUserName", "u")), new Uri(url), OwnerId);

        if (allowed)
        {
            Assert.Contains("<RunEveryNMinutes>15</RunEveryNMinutes>", create(), StringComparison.Ordinal);
        }
        else
        {
            Assert.Throws<ArgumentException>(create);
        }
    }

    private static Connection Connection(string id, params (string Name, string Value)[] settings) => new()
    {
        Id = id,
        Kind = IntegrationKinds.QbdShipStation,
        Settings = new Dictionary<string, IReadOnlyDictionary<string, string>> { ["qbd"] = settings.ToDictionary(s => s.Name, s => s.Value) },
    };
}
