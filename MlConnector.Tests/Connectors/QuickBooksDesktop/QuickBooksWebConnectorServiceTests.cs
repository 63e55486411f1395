using System.Net.Http.Headers;
using System.Security;
using System.Xml.Linq;
using Azure.Data.Tables;
using Microsoft.Extensions.Time.Testing;
using MlConnector.Core.Connectors.QuickBooksDesktop;
using MlConnector.Core.Connectors.QuickBooksDesktop.WebConnector;
using MlConnector.Core.Storage;
using MlConnector.Core.Workflows;
using MlConnector.Tests.Integration;
using Moq;

namespace MlConnector.Tests.Connectors.QuickBooksDesktop;

/// <summary>
/// The Web Connector endpoint over real SOAP 1.1 on loopback Kestrel (SoapCore, XmlSerializer), sessions and the outbox in
/// Azurite: the envelopes are written by hand the way QBWC sends them, and the answers are read as QBWC reads them.
/// <see cref="QuickBooksWebConnectorSoapEndpointTests"/> runs every test again on the Functions app's dispatcher.
/// </summary>
[Collection(AzuriteCollection.Name)]
public class QuickBooksWebConnectorServiceTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Ns = "http://developer.intuit.com/";
    private const string ConnectionId = WebConnectorTestHost.ConnectionId;
    private const string UserName = WebConnectorTestHost.UserName;
    private const string Password = WebConnectorTestHost.Password;

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 6, 15, 0, 0, TimeSpan.Zero));
    private readonly Mock<IWorkflowClient> _workflows = new();
    private readonly List<(string InstanceId, string EventName, QuickBooksDesktopAnswerSignal? Signal)> _raised = [];
    private readonly TableProvider _tables = azurite.NewTables();
    private WebConnectorTestHost _host = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _workflows.Setup(w => w.RaiseEventAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<object?>(), It.IsAny<CancellationToken>()))
            .Callback((string instanceId, string eventName, object? payload, CancellationToken _) => _raised.Add((instanceId, eventName, payload as QuickBooksDesktopAnswerSignal)))
            .Returns(Task.CompletedTask);
        _host = await WebConnectorTestHost.StartAsync(_tables, _time, FunctionsEndpoint, _workflows.Object);
        _http = _host.Http;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    /// <summary>True to serve the endpoint with the Functions app's <c>QuickBooksWebConnectorSoapEndpoint</c> instead of SoapCore.</summary>
    protected virtual bool FunctionsEndpoint => false;

    [Fact]
    public async Task Authenticate_WrongPasswordOrUser_IsNvu()
    {
        var wrongPassword = await CallAsync("authenticate", ("strUserName", UserName), ("strPassword", "guess"));
        var wrongUser = await CallAsync("authenticate", ("strUserName", "someone"), ("strPassword", Password));

        Assert.Equal(["", "nvu"], Strings(wrongPassword, "authenticateResult"));
        Assert.Equal(["", "nvu"], Strings(wrongUser, "authenticateResult"));
    }

    [Fact]
    public async Task Session_ConnectionAndRequestsWrittenByThePreviousVersion_HandsTheOldRequestOutOnceAndTellsItsWorkflowOnce()
    {
        // Arrange: the host wrote the connection without a user-name index row; the outbox rows are the layout before the
        // index and in-flight rows (queue rows only): one answered long ago, one queued by a workflow still waiting.
        var table = await _tables.GetTableAsync(_tables.Names.QuickBooksDesktop);
        var partition = "queue|" + ConnectionId;
        await table.AddEntityAsync(new TableEntity(partition, "00000000000000000001-0000000001") { ["RequestId"] = "old-0", ["RequestXml"] = OldQuery("old-0"), ["State"] = "Answered", ["ResponseXml"] = "<CustomerQueryRs requestID=\"old-0\" statusCode=\"0\" statusSeverity=\"Info\" statusMessage=\"Status OK\" />", ["SignalPending"] = false });
        await table.AddEntityAsync(new TableEntity(partition, "00000000000000000002-0000000001") { ["RequestId"] = "old-1", ["RequestXml"] = OldQuery("old-1"), ["State"] = "Queued", ["InstanceId"] = "wf-old", ["SignalPending"] = false });

        // Act: two sessions of the Web Connector.
        var auth = Strings(await CallAsync("authenticate", ("strUserName", UserName), ("strPassword", Password)), "authenticateResult");
        var sent = Result(await CallAsync("sendRequestXML", ("ticket", auth[0]), ("strHCPResponse", ""), ("strCompanyFileName", ""), ("qbXMLCountry", "US"), ("qbXMLMajorVers", "13"), ("qbXMLMinorVers", "0")), "sendRequestXMLResult");
        var done = Result(await CallAsync("receiveResponseXML", ("ticket", auth[0]), ("response", Response("CustomerQueryRs", "old-1", string.Empty, statusCode: 1)), ("hresult", ""), ("message", "")), "receiveResponseXMLResult");
        var nothing = Result(await CallAsync("sendRequestXML", ("ticket", auth[0]), ("strHCPResponse", ""), ("strCompanyFileName", ""), ("qbXMLCountry", "US"), ("qbXMLMajorVers", "13"), ("qbXMLMinorVers", "0")), "sendRequestXMLResult");
        var next = Strings(await CallAsync("authenticate", ("strUserName", UserName), ("strPassword", Password)), "authenticateResult");

        // Assert: the connection was found, the old request handed out once and its workflow told once; indexed once.
        Assert.Equal(string.Empty, auth[1]);
        Assert.Contains("requestID=\"old-1\"", sent, StringComparison.Ordinal);
        Assert.Equal("100", done);
        Assert.Equal(string.Empty, nothing);
        Assert.Equal("none", next[1]);
        Assert.Equal([("wf-old", QuickBooksDesktopAnswerSignal.EventName("old-1"))], _raised.Select(r => (r.InstanceId, r.EventName)));
        var keys = new List<string>();
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == partition, select: ["RowKey"]))
        {
            keys.Add(row.RowKey);
        }

        Assert.Equal(["00000000000000000001-0000000001", "00000000000000000002-0000000001", "id|old-0", "id|old-1", "inflight"], keys);
    }

    [Fact]
    public async Task Authenticate_NoQueuedWork_IsNone()
    {
        var answer = Strings(await CallAsync("authenticate", ("strUserName", UserName), ("strPassword", Password)), "authenticateResult");

        Assert.True(Guid.TryParse(answer[0], out _));
        Assert.Equal("none", answer[1]);
    }

    [Fact]
    public async Task Session_SendsQueuedRequestsInOrder_StoresAnswers_AndReportsProgress()
    {
        var outbox = _host.Outbox;
        await outbox.EnqueueAsync(ConnectionId, QbXmlRequests.CustomerQuery("c-1", new QbXmlListQuery { FullNames = ["Ada Lovelace"] }));
        await outbox.EnqueueAsync(ConnectionId, QbXmlRequests.InvoiceQueryByRefNumber("i-1", ["SS-1001"]));

        var auth = Strings(await CallAsync("authenticate", ("strUserName", UserName), ("strPassword", Password)), "authenticateResult");
        var ticket = auth[0];
        var first = Result(await CallAsync("sendRequestXML", ("ticket", ticket), ("strHCPResponse", ""), ("strCompanyFileName", "C:\\acme.qbw"), ("qbXMLCountry", "US"), ("qbXMLMajorVers", "16"), ("qbXMLMinorVers", "0")), "sendRequestXMLResult");
        var half = Result(await CallAsync("receiveResponseXML", ("ticket", ticket), ("response", Response("CustomerQueryRs", "c-1", "<CustomerRet><ListID>80000001-1</ListID><EditSequence>1</EditSequence><FullName>Ada Lovelace</FullName></CustomerRet>")), ("hresult", ""), ("message", "")), "receiveResponseXMLResult");
        var second = Result(await CallAsync("sendRequestXML", ("ticket", ticket), ("strHCPResponse", ""), ("strCompanyFileName", "C:\\acme.qbw"), ("qbXMLCountry", "US"), ("qbXMLMajorVers", "13"), ("qbXMLMinorVers", "0")), "sendRequestXMLResult");
        var done = Result(await CallAsync("receiveResponseXML", ("ticket", ticket), ("response", Response("InvoiceQueryRs", "i-1", string.Empty, statusCode: 1)), ("hresult", ""), ("message", "")), "receiveResponseXMLResult");
        var nothing = Result(await CallAsync("sendRequestXML", ("ticket", ticket), ("strHCPResponse", ""), ("strCompanyFileName", ""), ("qbXMLCountry", "US"), ("qbXMLMajorVers", "13"), ("qbXMLMinorVers", "0")), "sendRequestXMLResult");
        var closed = Result(await CallAsync("closeConnection", ("ticket", ticket)), "closeConnectionResult");

        Assert.Equal(string.Empty, auth[1]);
        Assert.Contains("<?qbxml version=\"16.0\"?>", first, StringComparison.Ordinal);
        Assert.Contains("<CustomerQueryRq requestID=\"c-1\">", first, StringComparison.Ordinal);
        Assert.Equal("50", half);
        Assert.Contains("<?qbxml version=\"13.0\"?>", second, StringComparison.Ordinal);
        Assert.Contains("<InvoiceQueryRq requestID=\"i-1\">", second, StringComparison.Ordinal);
        Assert.Equal("100", done);
        Assert.Equal(string.Empty, nothing);
        Assert.StartsWith("OK", closed, StringComparison.Ordinal);
        var customer = await outbox.GetAnswerAsync(ConnectionId, "c-1");
        Assert.Equal("Ada Lovelace", Assert.Single(customer!.ListEntities()).FullName);
        Assert.Equal(QbXmlStatus.NoMatch, (await outbox.GetAnswerAsync(ConnectionId, "i-1"))!.Status);
    }

    [Fact]
    public async Task SentButUnanswered_IsSentAgainInTheNextSession()
    {
        var outbox = _host.Outbox;
        await outbox.EnqueueAsync(ConnectionId, QbXmlRequests.CustomerQuery("c-9", new QbXmlListQuery { FullNames = ["Ada Lovelace"] }));
        var firstTicket = Strings(await CallAsync("authenticate", ("strUserName", UserName), ("strPassword", Password)), "authenticateResult")[0];
        await CallAsync("sendRequestXML", ("ticket", firstTicket), ("strHCPResponse", ""), ("strCompanyFileName", ""), ("qbXMLCountry", "US"), ("qbXMLMajorVers", "13"), ("qbXMLMinorVers", "0"));

        // QuickBooks closed before answering; the next session gets the same request.
        var second = Strings(await CallAsync("authenticate", ("strUserName", UserName), ("strPassword", Password)), "authenticateResult");
        var again = Result(await CallAsync("sendRequestXML", ("ticket", second[0]), ("strHCPResponse", ""), ("strCompanyFileName", ""), ("qbXMLCountry", "US"), ("qbXMLMajorVers", "13"), ("qbXMLMinorVers", "0")), "sendRequestXMLResult");

        Assert.Equal(string.Empty, second[1]);
        Assert.Contains("requestID=\"c-9\"", again, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnswerStoredButHostKilledBeforeItsSignal_NextSessionTellsTheWorkflowOnce()
    {
        var outbox = _host.Outbox;
        await outbox.EnqueueAsync(ConnectionId, QbXmlRequests.CustomerQuery("c-5", new QbXmlListQuery { FullNames = ["Ada Lovelace"] }), "wf-killed");
        await outbox.EnqueueAsync(ConnectionId, QbXmlRequests.CustomerQuery("c-6", new QbXmlListQuery { FullNames = ["Grace Hopper"] }), "wf-alive");
        var ticket = Strings(await CallAsync("authenticate", ("strUserName", UserName), ("strPassword", Password)), "authenticateResult")[0];
        await CallAsync("sendRequestXML", ("ticket", ticket), ("strHCPResponse", ""), ("strCompanyFileName", ""), ("qbXMLCountry", "US"), ("qbXMLMajorVers", "13"), ("qbXMLMinorVers", "0"));

        // The host stores QuickBooks' answer to c-5 and is killed before it raises the workflow's event: exactly the
        // outbox's own write, without the endpoint's raise after it.
        await outbox.AnswerAsync(ConnectionId, XElement.Parse("<CustomerQueryRs requestID=\"c-5\" statusCode=\"0\" statusSeverity=\"Info\" statusMessage=\"Status OK\" />"));
        Assert.Empty(_raised);

        // The restarted host's next Web Connector session tells wf-killed; c-6 is answered in it and told once, at once.
        var next = Strings(await CallAsync("authenticate", ("strUserName", UserName), ("strPassword", Password)), "authenticateResult")[0];
        Assert.Equal([("wf-killed", QuickBooksDesktopAnswerSignal.EventName("c-5"))], _raised.Select(r => (r.InstanceId, r.EventName)));
        Assert.Equal((QuickBooksDesktopRequestState.Answered, (int?)0), (_raised[0].Signal!.State, _raised[0].Signal!.StatusCode));
        await CallAsync("sendRequestXML", ("ticket", next), ("strHCPResponse", ""), ("strCompanyFileName", ""), ("qbXMLCountry", "US"), ("qbXMLMajorVers", "13"), ("qbXMLMinorVers", "0"));
        await CallAsync("receiveResponseXML", ("ticket", next), ("response", Response("CustomerQueryRs", "c-6", string.Empty, statusCode: 1)), ("hresult", ""), ("message", ""));

        // Later sessions tell nobody again.
        await CallAsync("authenticate", ("strUserName", UserName), ("strPassword", Password));
        Assert.Equal(["wf-killed", "wf-alive"], _raised.Select(r => r.InstanceId));
    }

    [Fact]
    public async Task QuickBooksErrorAndConnectionError_AreExplainedByGetLastError()
    {
        var ticket = Strings(await CallAsync("authenticate", ("strUserName", UserName), ("strPassword", Password)), "authenticateResult")[0];

        var negative = Result(await CallAsync("receiveResponseXML", ("ticket", ticket), ("response", ""), ("hresult", "0x80040400"), ("message", "QuickBooks found an error when parsing the provided XML text stream.")), "receiveResponseXMLResult");
        var afterHresult = Result(await CallAsync("getLastError", ("ticket", ticket)), "getLastErrorResult");
        var done = Result(await CallAsync("connectionError", ("ticket", ticket), ("hresult", "0x80040401"), ("message", "Could not access QuickBooks.")), "connectionErrorResult");
        var afterConnection = Result(await CallAsync("getLastError", ("ticket", ticket)), "getLastErrorResult");

        Assert.Equal("-101", negative);
        Assert.Contains("0x80040400", afterHresult, StringComparison.Ordinal);
        Assert.Equal("DONE", done);
        Assert.Contains("open QuickBooks Desktop", afterConnection, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExpiredOrUnknownTicket_GetsNoWork()
    {
        var ticket = Strings(await CallAsync("authenticate", ("strUserName", UserName), ("strPassword", Password)), "authenticateResult")[0];
        var outbox = _host.Outbox;
        await outbox.EnqueueAsync(ConnectionId, QbXmlRequests.CustomerQuery("c-2", new QbXmlListQuery { FullNames = ["Ada Lovelace"] }));
        _time.Advance(TimeSpan.FromHours(1));

        var expired = Result(await CallAsync("sendRequestXML", ("ticket", ticket), ("strHCPResponse", ""), ("strCompanyFileName", ""), ("qbXMLCountry", "US"), ("qbXMLMajorVers", "13"), ("qbXMLMinorVers", "0")), "sendRequestXMLResult");
        var forged = Result(await CallAsync("sendRequestXML", ("ticket", Guid.NewGuid().ToString()), ("strHCPResponse", ""), ("strCompanyFileName", ""), ("qbXMLCountry", "US"), ("qbXMLMajorVers", "13"), ("qbXMLMinorVers", "0")), "sendRequestXMLResult");

        Assert.Equal(string.Empty, expired);
        Assert.Equal(string.Empty, forged);
    }

    [Theory]
    [InlineData("2.3.0.36", "")]
    [InlineData("2.0.1.2", "W:")]
    [InlineData("1.5.0.0", "E:")]
    public async Task ClientVersion_WarnsOrRefusesOldWebConnectors(string version, string prefix)
    {
        var answer = Result(await CallAsync("clientVersion", ("strVersion", version)), "clientVersionResult");

        Assert.StartsWith(prefix, answer, StringComparison.Ordinal);
        Assert.Equal(prefix.Length == 0, answer.Length == 0);
    }

    [Fact]
    public async Task Wsdl_IsDocumentLiteralInIntuitsNamespaceWithEveryOperation()
    {
        var wsdl = await _http.GetStringAsync("/api/qbwc?wsdl");

        Assert.Contains("targetNamespace=\"http://developer.intuit.com/\"", wsdl, StringComparison.Ordinal);
        foreach (var operation in new[] { "serverVersion", "clientVersion", "authenticate", "sendRequestXML", "receiveResponseXML", "connectionError", "getLastError", "closeConnection" })
        {
            Assert.Contains($"name=\"{operation}\"", wsdl, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Authenticate_EnvelopeWithAnExternalEntity_DoesNotReadTheFile()
    {
        var secret = Path.Combine(Path.GetTempPath(), "mlc-soap-xxe-" + Guid.NewGuid().ToString("N") + ".txt");
        await File.WriteAllTextAsync(secret, Password);
        try
        {
            var envelope = $"""<?xml version="1.0"?><!DOCTYPE e [<!ENTITY x SYSTEM "file://{secret}">]><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><authenticate xmlns="{Ns}"><strUserName>{UserName}</strUserName><strPassword>&x;</strPassword></authenticate></soap:Body></soap:Envelope>""";

            var (status, body) = await PostAsync("authenticate", envelope);

            Assert.DoesNotContain(Password, body, StringComparison.Ordinal);
            Assert.False(status == HttpStatusCode.OK && !body.Contains("nvu", StringComparison.Ordinal), "An envelope with an external entity must not authenticate.");
        }
        finally
        {
            File.Delete(secret);
        }
    }

    private static string OldQuery(string requestId) =>
        QbXmlRequests.CustomerQuery(requestId, new QbXmlListQuery { FullNames = ["Ada Lovelace"] }).ToString(SaveOptions.DisableFormatting);

    private static string Response(string name, string requestId, string rets, int statusCode = 0) =>
        $"""<?xml version="1.0" ?><QBXML><QBXMLMsgsRs><{name} requestID="{requestId}" statusCode="{statusCode}" statusSeverity="Info" statusMessage="Status OK">{rets}</{name}></QBXMLMsgsRs></QBXML>""";

    private static string Result(XElement body, string resultName) => (string?)body.Descendants(XName.Get(resultName, Ns)).SingleOrDefault() ?? throw new Xunit.Sdk.XunitException($"No {resultName} in {body}");

    private static string[] Strings(XElement body, string resultName) =>
        [.. body.Descendants(XName.Get(resultName, Ns)).Single().Elements(XName.Get("string", Ns)).Select(e => e.Value)];

    private async Task<XElement> CallAsync(string operation, params (string Name, string Value)[] parameters)
    {
        var fields = string.Concat(parameters.Select(p => $"<{p.Name}>{SecurityElement.Escape(p.Value)}</{p.Name}>"));
        var envelope = $"""<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><{operation} xmlns="{Ns}">{fields}</{operation}></soap:Body></soap:Envelope>""";
        var (status, body) = await PostAsync(operation, envelope);
        Assert.True(status == HttpStatusCode.OK, $"{operation} answered {status}: {body}");
        return XElement.Parse(body);
    }

    private async Task<(HttpStatusCode Status, string Body)> PostAsync(string operation, string envelope)
    {
        using var content = new StringContent(envelope, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/xml") { CharSet = "utf-8" };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/qbwc") { Content = content };
        request.Headers.TryAddWithoutValidation("SOAPAction", $"\"{Ns}{operation}\"");
        using var response = await _http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
