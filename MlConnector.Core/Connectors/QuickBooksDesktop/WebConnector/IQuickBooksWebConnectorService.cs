using System.ServiceModel;

namespace MlConnector.Core.Connectors.QuickBooksDesktop.WebConnector;

/// <summary>
/// The QuickBooks Web Connector's SOAP contract, exactly as Intuit's WSDL declares it
/// (contracts/quickbooks-desktop/qbwc/QBWebConnectorSvc.wsdl and TroubleshootWebServiceFS.intuit-hosted.wsdl): namespace
/// <c>http://developer.intuit.com/</c>, document/literal, SOAPAction <c>http://developer.intuit.com/{operation}</c>, served
/// with SoapCore's XmlSerializer so <c>string[]</c> is the ASMX <c>ArrayOfString</c> QBWC reads (toolchain.md §2).
/// Parameter names are the WSDL's and must not change. The operations are asynchronous (storage I/O); SOAP gives them no
/// cancellation token, so each bounds its own storage calls.
/// </summary>
[ServiceContract(Namespace = Namespace, Name = "QBWebConnectorSvc")]
[XmlSerializerFormat]
public interface IQuickBooksWebConnectorService
{
    /// <summary>The WSDL's target namespace.</summary>
    public const string Namespace = "http://developer.intuit.com/";

    /// <summary>Our version, shown by QBWC.</summary>
    /// <returns>The version text.</returns>
    [OperationContract(Name = "serverVersion", Action = Namespace + "serverVersion")]
    Task<string> ServerVersionAsync();

    /// <summary>QBWC's version: <c>""</c> to go on, <c>"W:…"</c> to warn, <c>"E:…"</c> to refuse.</summary>
    /// <param name="strVersion">QBWC's version, for example <c>2.3.0.36</c>.</param>
    /// <returns>The verdict.</returns>
    [OperationContract(Name = "clientVersion", Action = Namespace + "clientVersion")]
    Task<string> ClientVersionAsync(string strVersion);

    /// <summary>Checks the connection's user name and password: <c>[ticket, ""]</c> (work, open company file), <c>[ticket, "none"]</c> (no work) or <c>["", "nvu"]</c> (not a valid user).</summary>
    /// <param name="strUserName">The <c>.qwc</c>'s UserName.</param>
    /// <param name="strPassword">The password the merchant typed into QBWC. A secret.</param>
    /// <returns>The ticket and the verdict.</returns>
    [OperationContract(Name = "authenticate", Action = Namespace + "authenticate")]
    Task<string[]> AuthenticateAsync(string strUserName, string strPassword);

    /// <summary>The next queued qbXML request for the session's connection, or <c>""</c> when there is none.</summary>
    /// <param name="ticket">The session ticket.</param>
    /// <param name="strHCPResponse">Host/company/preferences response (first call only).</param>
    /// <param name="strCompanyFileName">The open company file.</param>
    /// <param name="qbXMLCountry">The QuickBooks edition's country.</param>
    /// <param name="qbXMLMajorVers">The highest qbXML major version QuickBooks supports.</param>
    /// <param name="qbXMLMinorVers">Its minor version.</param>
    /// <returns>A qbXML request document, or empty.</returns>
    [OperationContract(Name = "sendRequestXML", Action = Namespace + "sendRequestXML")]
    Task<string> SendRequestXMLAsync(string ticket, string strHCPResponse, string strCompanyFileName, string qbXMLCountry, int qbXMLMajorVers, int qbXMLMinorVers);

    /// <summary>QuickBooks' answer to the last request: percent done (100 = finished), or negative on error (QBWC then calls getLastError).</summary>
    /// <param name="ticket">The session ticket.</param>
    /// <param name="response">The qbXML response.</param>
    /// <param name="hresult">Non-empty when QuickBooks itself failed.</param>
    /// <param name="message">QuickBooks' message for <paramref name="hresult"/>.</param>
    /// <returns>Percent done, or negative.</returns>
    [OperationContract(Name = "receiveResponseXML", Action = Namespace + "receiveResponseXML")]
    Task<int> ReceiveResponseXMLAsync(string ticket, string response, string hresult, string message);

    /// <summary>QBWC could not reach QuickBooks: records why and answers <c>"DONE"</c>.</summary>
    /// <param name="ticket">The session ticket.</param>
    /// <param name="hresult">The HRESULT, for example <c>0x80040408</c>.</param>
    /// <param name="message">QBWC's message.</param>
    /// <returns><c>"DONE"</c>.</returns>
    [OperationContract(Name = "connectionError", Action = Namespace + "connectionError")]
    Task<string> ConnectionErrorAsync(string ticket, string hresult, string message);

    /// <summary>The message to show after a negative receiveResponseXML.</summary>
    /// <param name="ticket">The session ticket.</param>
    /// <returns>The message.</returns>
    [OperationContract(Name = "getLastError", Action = Namespace + "getLastError")]
    Task<string> GetLastErrorAsync(string ticket);

    /// <summary>Ends the session.</summary>
    /// <param name="ticket">The session ticket.</param>
    /// <returns>A message QBWC shows.</returns>
    [OperationContract(Name = "closeConnection", Action = Namespace + "closeConnection")]
    Task<string> CloseConnectionAsync(string ticket);
}
