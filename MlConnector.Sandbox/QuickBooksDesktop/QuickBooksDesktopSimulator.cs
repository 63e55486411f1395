using System.Globalization;
using System.Net.Http.Headers;
using System.Security;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;

namespace MlConnector.Sandbox.QuickBooksDesktop;

/// <summary>
/// A QuickBooks Web Connector driving our SOAP endpoint the way QBWC does (clientVersion, authenticate, the
/// sendRequestXML / receiveResponseXML loop, getLastError, connectionError, closeConnection; PROTOCOL-NOTES §3) over
/// an in-memory QuickBooks Desktop company file that answers qbXML: customers and items (inventory with quantity on
/// hand), invoices and journal entries; list queries by name or with iterators (<c>Start</c>/<c>Continue</c>,
/// <c>iteratorRemainingCount</c>); InvoiceQuery by RefNumber; InvoiceMod (lines replaced by <c>TxnLineID</c> -1 lines:
/// the lines a Mod does not name are deleted) and JournalEntryMod; TxnVoid (the amount becomes zero, the transaction and
/// its RefNumber stay); an <c>EditSequence</c> that changes on every Mod; status codes 0, 1 (no match), 3100 (name in
/// use), 3140 (invalid reference) and 3200 (stale EditSequence). Requests are checked
/// against the qbXML XSDs when a schema set is given; an invalid one is reported as QuickBooks does, with HRESULT
/// <c>0x80040400</c>.
/// </summary>
public sealed class QuickBooksDesktopSimulator : IDisposable
{
    private const string Ns = "http://developer.intuit.com/";
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(60) };
    private readonly XmlSchemaSet? _schemas;
    private readonly Lock _lock = new();
    private readonly List<Entity> _customers = [];
    private readonly List<Entity> _items = [];
    private readonly List<Txn> _invoices = [];
    private readonly List<Txn> _journalEntries = [];
    private readonly Dictionary<string, (string Kind, int Offset)> _iterators = new(StringComparer.Ordinal);
    private int _nextId = 1;
    private int _processed;
    private int _reported;
    private long _editSequence = 1_700_000_000;

    /// <summary>Creates the simulator.</summary>
    /// <param name="schemas">The qbXML XSDs to check requests against, or null not to check.</param>
    public QuickBooksDesktopSimulator(XmlSchemaSet? schemas = null) => _schemas = schemas;

    /// <summary>The random faults of a chaos run (QuickBooks closed for a while, sessions dropped, concurrent edits, SOAP 5xx); off by default.</summary>
    public QuickBooksDesktopFaults Faults { get; } = new();

    /// <summary>When true, QuickBooks is "closed": the next update reports connectionError 0x80040401 instead of working.</summary>
    public bool QuickBooksClosed { get; set; }

    /// <summary>When true, the next processed response is lost (QBWC stops before reporting it); the flag then clears.</summary>
    public bool LoseNextResponse { get; set; }

    /// <summary>
    /// When set (for example <c>InvoiceAddRq</c>), the next response to a request of that name is lost after QuickBooks did
    /// the work (QBWC stops before reporting it), ending the run; the setting then clears.
    /// </summary>
    public string? LoseResponseTo { get; set; }

    /// <summary>
    /// When set, the next run ends after this many requests were answered and reported, as when the Web Connector is closed
    /// or the PC sleeps mid-session (no closeConnection; QuickBooks' iterators die with the session); the setting then clears.
    /// </summary>
    public int? EndRunAfter { get; set; }

    /// <summary>When true, a person edits the invoice in QuickBooks just before the next InvoiceMod arrives, so its EditSequence is stale (3200); the flag then clears.</summary>
    public bool EditBeforeNextMod { get; set; }

    /// <summary>How many responses were lost (<see cref="LoseNextResponse"/>, <see cref="LoseResponseTo"/>).</summary>
    public int LostResponses { get; private set; }

    /// <summary>How many InvoiceMods were refused with 3200.</summary>
    public int StaleEditSequences { get; private set; }

    /// <summary>The invoices in the company file (a copy).</summary>
    public IReadOnlyList<(string TxnId, string RefNumber, string Customer, string TxnDate, string EditSequence, string Memo)> Invoices
    {
        get
        {
            lock (_lock)
            {
                return [.. _invoices.Select(i => (i.TxnId, i.RefNumber, i.Customer, i.TxnDate, i.EditSequence, i.Memo))];
            }
        }
    }

    /// <summary>The journal entries in the company file (RefNumber and date).</summary>
    public IReadOnlyList<(string TxnId, string RefNumber, string TxnDate)> JournalEntries
    {
        get
        {
            lock (_lock)
            {
                return [.. _journalEntries.Select(j => (j.TxnId, j.RefNumber, j.TxnDate))];
            }
        }
    }

    /// <summary>How many transactions were voided (TxnVoid requests that voided something).</summary>
    public int Voids { get; private set; }

    /// <summary>The amount of the transaction with a RefNumber: an invoice's subtotal or a journal entry's debit total; zero once voided; null when there is none.</summary>
    /// <param name="refNumber">The RefNumber.</param>
    /// <returns>The amount.</returns>
    public decimal? AmountOf(string refNumber)
    {
        lock (_lock)
        {
            return _invoices.Concat(_journalEntries).FirstOrDefault(t => t.RefNumber == refNumber)?.Amount;
        }
    }

    /// <summary>Adds a customer.</summary>
    /// <param name="fullName">The full name.</param>
    public void AddCustomer(string fullName)
    {
        lock (_lock)
        {
            _customers.Add(new Entity(NewListId(), fullName, NextEditSequence(), null));
        }
    }

    /// <summary>Adds an inventory item with its quantity on hand.</summary>
    /// <param name="fullName">The full name (the SKU).</param>
    /// <param name="quantityOnHand">On hand.</param>
    public void AddInventoryItem(string fullName, decimal quantityOnHand)
    {
        lock (_lock)
        {
            _items.Add(new Entity(NewListId(), fullName, NextEditSequence(), quantityOnHand));
        }
    }

    /// <summary>Changes an invoice as a person in QuickBooks would, so its EditSequence moves on.</summary>
    /// <param name="refNumber">The invoice number.</param>
    /// <param name="memo">The new memo.</param>
    public void EditInvoiceInQuickBooks(string refNumber, string memo)
    {
        lock (_lock)
        {
            var invoice = _invoices.First(i => i.RefNumber == refNumber);
            invoice.Memo = memo;
            invoice.EditSequence = NextEditSequence();
        }
    }

    /// <summary>Runs one scheduled update against the endpoint, like QBWC's "Update Selected".</summary>
    /// <param name="endpoint">The SOAP endpoint (AppURL).</param>
    /// <param name="userName">The <c>.qwc</c>'s UserName.</param>
    /// <param name="password">The password the merchant typed.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>What happened.</returns>
    public async Task<QuickBooksDesktopRun> RunUpdateAsync(Uri endpoint, string userName, string password, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        try
        {
            return await RunSessionAsync(endpoint, userName, password, cancellationToken);
        }
        catch (SimulatedServerErrorException ex)
        {
            // The Web Connector ends the update on a transport error and tries again on its next scheduled run.
            return new QuickBooksDesktopRun(true, true, _processed, ex.Message, null, _reported);
        }
    }

    private async Task<QuickBooksDesktopRun> RunSessionAsync(Uri endpoint, string userName, string password, CancellationToken cancellationToken)
    {
        _processed = 0;
        _reported = 0;
        await CallAsync(endpoint, "clientVersion", cancellationToken, ("strVersion", "2.3.0.36"));
        var auth = Strings(await CallAsync(endpoint, "authenticate", cancellationToken, ("strUserName", userName), ("strPassword", password)), "authenticateResult");
        if (auth.Length < 2 || auth[1] == "nvu")
        {
            return new QuickBooksDesktopRun(false, false, 0, null, null);
        }

        var ticket = auth[0];
        if (auth[1] == "none")
        {
            return new QuickBooksDesktopRun(true, false, 0, null, Result(await CallAsync(endpoint, "closeConnection", cancellationToken, ("ticket", ticket)), "closeConnectionResult"));
        }

        if (QuickBooksClosed || Faults.RollClosed())
        {
            var reason = Result(await CallAsync(endpoint, "connectionError", cancellationToken, ("ticket", ticket), ("hresult", "0x80040401"), ("message", "Could not access QuickBooks.")), "connectionErrorResult");
            var lastError = Result(await CallAsync(endpoint, "getLastError", cancellationToken, ("ticket", ticket)), "getLastErrorResult");
            return new QuickBooksDesktopRun(true, true, 0, lastError.Length > 0 ? lastError : reason, null);
        }

        string? error = null;
        lock (_lock)
        {
            _iterators.Clear(); // Iterators live only in one QuickBooks session.
        }

        while (true)
        {
            var request = Result(await CallAsync(endpoint, "sendRequestXML", cancellationToken, ("ticket", ticket), ("strHCPResponse", string.Empty), ("strCompanyFileName", "C:\\Company\\sandbox.qbw"), ("qbXMLCountry", "US"), ("qbXMLMajorVers", "16"), ("qbXMLMinorVers", "0")), "sendRequestXMLResult");
            if (request.Length == 0)
            {
                break;
            }

            var (response, hresult) = Process(request);
            _processed++;
            var loseThis = LoseResponseTo is { } name && request.Contains("<" + name, StringComparison.Ordinal);
            if (LoseNextResponse || loseThis)
            {
                LoseNextResponse = false;
                LoseResponseTo = loseThis ? null : LoseResponseTo;
                LostResponses++;
                return new QuickBooksDesktopRun(true, true, _processed, "response lost", null, _reported);
            }

            var drop = Faults.RollDrop();
            if (drop == QuickBooksDesktopDrop.BeforeReport)
            {
                return new QuickBooksDesktopRun(true, true, _processed, "session dropped before the answer was reported", null, _reported);
            }

            var percent = int.Parse(Result(await CallAsync(endpoint, "receiveResponseXML", cancellationToken, ("ticket", ticket), ("response", response), ("hresult", hresult), ("message", hresult.Length == 0 ? string.Empty : "QuickBooks found an error when parsing the provided XML text stream.")), "receiveResponseXMLResult"), CultureInfo.InvariantCulture);
            _reported++;
            if (percent < 0)
            {
                error = Result(await CallAsync(endpoint, "getLastError", cancellationToken, ("ticket", ticket)), "getLastErrorResult");
                break;
            }

            if (EndRunAfter is { } limit && _processed >= limit)
            {
                EndRunAfter = null;
                return new QuickBooksDesktopRun(true, true, _processed, "session ended", null, _reported);
            }

            if (drop == QuickBooksDesktopDrop.AfterReport)
            {
                return new QuickBooksDesktopRun(true, true, _processed, "session dropped", null, _reported);
            }

            if (percent >= 100)
            {
                break;
            }
        }

        var close = Result(await CallAsync(endpoint, "closeConnection", cancellationToken, ("ticket", ticket)), "closeConnectionResult");
        return new QuickBooksDesktopRun(true, true, _processed, error, close, _reported);
    }

    /// <summary>Answers one qbXML request document as QuickBooks would.</summary>
    /// <param name="requestXml">The request document.</param>
    /// <returns>The response document, or an empty response and an HRESULT when the request is not valid qbXML.</returns>
    public (string Response, string HResult) Process(string requestXml)
    {
        XDocument request;
        try
        {
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
            if (_schemas is not null)
            {
                settings.ValidationType = ValidationType.Schema;
                settings.Schemas = _schemas;
            }

            using var reader = XmlReader.Create(new StringReader(requestXml), settings);
            request = XDocument.Load(reader);
        }
        catch (Exception ex) when (ex is XmlException or XmlSchemaValidationException)
        {
            return (string.Empty, "0x80040400");
        }

        var responses = new XElement("QBXMLMsgsRs");
        lock (_lock)
        {
            foreach (var rq in request.Root!.Element("QBXMLMsgsRq")!.Elements())
            {
                responses.Add(Answer(rq));
            }
        }

        return ("<?xml version=\"1.0\" ?>" + new XElement("QBXML", responses).ToString(SaveOptions.DisableFormatting), string.Empty);
    }

    /// <summary>Disposes the HTTP client.</summary>
    public void Dispose() => _http.Dispose();

    private static XElement Rs(XElement rq, int code, string message, params object[] content)
    {
        var name = rq.Name.LocalName[..^2] + "Rs";
        var severity = code is 0 or 1 ? "Info" : code is >= 500 and <= 999 ? "Warn" : "Error";
        return new XElement(name, new XAttribute("requestID", (string?)rq.Attribute("requestID") ?? string.Empty), new XAttribute("statusCode", code), new XAttribute("statusSeverity", severity), new XAttribute("statusMessage", message), content);
    }

    private static string Result(XElement body, string name) => (string?)body.Descendants(XName.Get(name, Ns)).SingleOrDefault() ?? string.Empty;

    private static string[] Strings(XElement body, string name) =>
        [.. body.Descendants(XName.Get(name, Ns)).SingleOrDefault()?.Elements(XName.Get("string", Ns)).Select(e => e.Value) ?? []];

    private XElement Answer(XElement rq) => rq.Name.LocalName switch
    {
        "CustomerQueryRq" => ListQuery(rq, "Customer", _customers, "CustomerRet"),
        "ItemQueryRq" or "ItemInventoryQueryRq" => ListQuery(rq, "Item", _items, "ItemInventoryRet"),
        "InvoiceQueryRq" => InvoiceQuery(rq),
        "InvoiceAddRq" => InvoiceAdd(rq),
        "InvoiceModRq" => InvoiceMod(rq),
        "JournalEntryAddRq" => JournalEntryAdd(rq),
        "JournalEntryQueryRq" => JournalEntryQuery(rq),
        "JournalEntryModRq" => JournalEntryMod(rq),
        "TxnVoidRq" => TxnVoid(rq),
        _ => Rs(rq, 3250, $"This feature is not enabled or not available in this version of QuickBooks ({rq.Name.LocalName})."),
    };

    private XElement ListQuery(XElement rq, string kind, List<Entity> list, string retName)
    {
        var names = rq.Elements("FullName").Select(e => e.Value).ToList();
        IEnumerable<Entity> matches = list;
        if (names.Count > 0)
        {
            matches = list.Where(e => names.Contains(e.FullName, StringComparer.OrdinalIgnoreCase));
        }

        var iterator = (string?)rq.Attribute("iterator");
        var max = int.TryParse((string?)rq.Element("MaxReturned"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var m) ? m : int.MaxValue;
        var all = matches.ToList();
        var offset = 0;
        string? iteratorId = null;
        if (iterator == "Start")
        {
            iteratorId = "{" + Guid.NewGuid().ToString() + "}";
        }
        else if (iterator == "Continue")
        {
            iteratorId = (string?)rq.Attribute("iteratorID") ?? string.Empty;
            if (!_iterators.TryGetValue(iteratorId, out var state) || state.Kind != kind)
            {
                return Rs(rq, 3170, $"There was an error when continuing the iterator {iteratorId}: it is not valid in this session.");
            }

            offset = state.Offset;
        }

        var page = all.Skip(offset).Take(max).ToList();
        if (page.Count == 0)
        {
            return Rs(rq, 1, "A query request did not find a matching object in QuickBooks");
        }

        var rs = Rs(rq, 0, "Status OK", page.Select(e => Ret(retName, e)));
        if (iteratorId is not null)
        {
            var remaining = all.Count - offset - page.Count;
            _iterators[iteratorId] = (kind, offset + page.Count);
            rs.SetAttributeValue("iteratorRemainingCount", remaining);
            rs.SetAttributeValue("iteratorID", iteratorId);
        }

        return rs;
    }

    private static XElement Ret(string name, Entity e) => new(
        name,
        new XElement("ListID", e.ListId),
        new XElement("TimeCreated", "2026-01-01T09:00:00-05:00"),
        new XElement("EditSequence", e.EditSequence),
        new XElement("Name", e.FullName),
        new XElement("FullName", e.FullName),
        new XElement("IsActive", "true"),
        e.QuantityOnHand is { } q ? new XElement("QuantityOnHand", q.ToString(CultureInfo.InvariantCulture)) : null);

    private XElement InvoiceQuery(XElement rq)
    {
        var refs = rq.Elements("RefNumber").Select(e => e.Value).ToHashSet(StringComparer.Ordinal);
        var found = _invoices.Where(i => refs.Count == 0 || refs.Contains(i.RefNumber)).ToList();
        return found.Count == 0
            ? Rs(rq, 1, "A query request did not find a matching object in QuickBooks")
            : Rs(rq, 0, "Status OK", found.Select(i => TxnRet("InvoiceRet", i)));
    }

    private XElement InvoiceAdd(XElement rq)
    {
        var add = rq.Element("InvoiceAdd")!;
        var customer = (string?)add.Element("CustomerRef")?.Element("FullName") ?? string.Empty;
        if (!_customers.Any(c => string.Equals(c.FullName, customer, StringComparison.OrdinalIgnoreCase)))
        {
            return Rs(rq, 3140, $"There is an invalid reference to QuickBooks Customer \"{customer}\" in the Invoice.");
        }

        foreach (var item in add.Elements("InvoiceLineAdd").Select(l => (string?)l.Element("ItemRef")?.Element("FullName") ?? string.Empty))
        {
            if (!_items.Any(i => string.Equals(i.FullName, item, StringComparison.OrdinalIgnoreCase)))
            {
                return Rs(rq, 3140, $"There is an invalid reference to QuickBooks Item \"{item}\" in the Invoice.");
            }
        }

        var txn = new Txn(NewTxnId(), (string?)add.Element("RefNumber") ?? string.Empty, customer, (string?)add.Element("TxnDate") ?? string.Empty, NextEditSequence(), (string?)add.Element("Memo") ?? string.Empty)
        {
            Amount = LineAmounts(add.Elements("InvoiceLineAdd")),
        };
        _invoices.Add(txn);
        return Rs(rq, 0, "Status OK", TxnRet("InvoiceRet", txn));
    }

    private XElement InvoiceMod(XElement rq)
    {
        var mod = rq.Element("InvoiceMod")!;
        var txnId = (string?)mod.Element("TxnID");
        var invoice = _invoices.FirstOrDefault(i => i.TxnId == txnId);
        if (invoice is null)
        {
            return Rs(rq, 3120, $"Object \"{txnId}\" specified in the request cannot be found.");
        }

        if (EditBeforeNextMod || Faults.RollConcurrentEdit())
        {
            EditBeforeNextMod = false;
            invoice.Memo += " (edited in QuickBooks)";
            invoice.EditSequence = NextEditSequence();
        }

        if ((string?)mod.Element("EditSequence") != invoice.EditSequence)
        {
            StaleEditSequences++;
            return Rs(rq, 3200, $"The provided edit sequence \"{(string?)mod.Element("EditSequence")}\" is out-of-date.");
        }

        var lines = mod.Elements("InvoiceLineMod").ToList();
        if (lines.Count > 0)
        {
            // Lines the Mod does not name are deleted; this company file keeps no line ids, so only new lines (-1) are known.
            if (lines.FirstOrDefault(l => (string?)l.Element("TxnLineID") != "-1") is { } unknown)
            {
                return Rs(rq, 3120, $"Object \"{(string?)unknown.Element("TxnLineID")}\" specified in the request cannot be found.");
            }

            foreach (var item in lines.Select(l => (string?)l.Element("ItemRef")?.Element("FullName") ?? string.Empty))
            {
                if (!_items.Any(i => string.Equals(i.FullName, item, StringComparison.OrdinalIgnoreCase)))
                {
                    return Rs(rq, 3140, $"There is an invalid reference to QuickBooks Item \"{item}\" in the Invoice.");
                }
            }

            invoice.Amount = LineAmounts(lines);
        }

        invoice.Memo = (string?)mod.Element("Memo") ?? invoice.Memo;
        invoice.EditSequence = NextEditSequence();
        return Rs(rq, 0, "Status OK", TxnRet("InvoiceRet", invoice));
    }

    private XElement JournalEntryQuery(XElement rq)
    {
        var refs = rq.Elements("RefNumber").Select(e => e.Value).ToHashSet(StringComparer.Ordinal);
        var found = _journalEntries.Where(j => refs.Count == 0 || refs.Contains(j.RefNumber)).ToList();
        return found.Count == 0
            ? Rs(rq, 1, "A query request did not find a matching object in QuickBooks")
            : Rs(rq, 0, "Status OK", found.Select(j => TxnRet("JournalEntryRet", j)));
    }

    private XElement JournalEntryAdd(XElement rq)
    {
        var add = rq.Element("JournalEntryAdd")!;
        var txn = new Txn(NewTxnId(), (string?)add.Element("RefNumber") ?? string.Empty, string.Empty, (string?)add.Element("TxnDate") ?? string.Empty, NextEditSequence(), (string?)add.Element("Memo") ?? string.Empty)
        {
            Amount = Debits(add.Elements("JournalDebitLine").Select(l => (string?)l.Element("Amount"))),
        };
        _journalEntries.Add(txn);
        return Rs(rq, 0, "Status OK", TxnRet("JournalEntryRet", txn));
    }

    private XElement JournalEntryMod(XElement rq)
    {
        var mod = rq.Element("JournalEntryMod")!;
        var txnId = (string?)mod.Element("TxnID");
        var entry = _journalEntries.FirstOrDefault(j => j.TxnId == txnId);
        if (entry is null)
        {
            return Rs(rq, 3120, $"Object \"{txnId}\" specified in the request cannot be found.");
        }

        if (Faults.RollConcurrentEdit())
        {
            entry.Memo += " (edited in QuickBooks)";
            entry.EditSequence = NextEditSequence();
        }

        if ((string?)mod.Element("EditSequence") != entry.EditSequence)
        {
            StaleEditSequences++;
            return Rs(rq, 3200, $"The provided edit sequence \"{(string?)mod.Element("EditSequence")}\" is out-of-date.");
        }

        var lines = mod.Elements("JournalLineMod").ToList();
        if (lines.Count > 0)
        {
            entry.Amount = Debits(lines.Where(l => (string?)l.Element("JournalLineType") == "Debit").Select(l => (string?)l.Element("Amount")));
        }

        entry.EditSequence = NextEditSequence();
        return Rs(rq, 0, "Status OK", TxnRet("JournalEntryRet", entry));
    }

    /// <summary>TxnVoid: "Voiding a transaction sets its amount to zero but keeps a record of it in QuickBooks" (Intuit, TxnVoid).</summary>
    private XElement TxnVoid(XElement rq)
    {
        var type = (string?)rq.Element("TxnVoidType");
        var txnId = (string?)rq.Element("TxnID");
        var txn = (type switch
        {
            "Invoice" => _invoices,
            "JournalEntry" => _journalEntries,
            _ => new List<Txn>(),
        }).FirstOrDefault(t => t.TxnId == txnId);
        if (txn is null)
        {
            return Rs(rq, 3120, $"Object \"{txnId}\" specified in the request cannot be found.");
        }

        Voids += txn.Amount == 0m ? 0 : 1;
        txn.Amount = 0m;
        txn.EditSequence = NextEditSequence();
        return Rs(rq, 0, "Status OK", new XElement("TxnVoidType", type), new XElement("TxnID", txn.TxnId), new XElement("RefNumber", txn.RefNumber));
    }

    private static decimal LineAmounts(IEnumerable<XElement> lines) => lines.Sum(l =>
        decimal.Round(Number((string?)l.Element("Quantity") ?? "1") * Number((string?)l.Element("Rate") ?? "0"), 2, MidpointRounding.AwayFromZero));

    private static decimal Debits(IEnumerable<string?> amounts) => amounts.Sum(a => Number(a ?? "0"));

    private static decimal Number(string text) => decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture);

    private static XElement TxnRet(string name, Txn t) => new(
        name,
        new XElement("TxnID", t.TxnId),
        new XElement("TimeCreated", "2026-01-01T09:00:00-05:00"),
        new XElement("EditSequence", t.EditSequence),
        new XElement("TxnNumber", "1"),
        new XElement("TxnDate", t.TxnDate),
        new XElement("RefNumber", t.RefNumber),
        name == "InvoiceRet" ? new XElement("Subtotal", Money(t.Amount)) : null,
        new XElement("Memo", t.Memo),
        name == "JournalEntryRet" ? new XElement("JournalDebitLine", new XElement("TxnLineID", t.TxnId + "-1"), new XElement("Amount", Money(t.Amount))) : null);

    private static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    private string NewListId() => (0x80000000 + _nextId++).ToString("X8", CultureInfo.InvariantCulture) + "-1700000000";

    private string NewTxnId() => (_nextId++).ToString("X", CultureInfo.InvariantCulture) + "-1700000000";

    private string NextEditSequence() => (++_editSequence).ToString(CultureInfo.InvariantCulture);

    private async Task<XElement> CallAsync(Uri endpoint, string operation, CancellationToken cancellationToken, params (string Name, string Value)[] parameters)
    {
        var fields = string.Concat(parameters.Select(p => $"<{p.Name}>{SecurityElement.Escape(p.Value)}</{p.Name}>"));
        var envelope = $"<?xml version=\"1.0\" encoding=\"utf-8\"?><soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\"><soap:Body><{operation} xmlns=\"{Ns}\">{fields}</{operation}></soap:Body></soap:Envelope>";
        using var content = new StringContent(envelope, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/xml") { CharSet = "utf-8" };
        using var message = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = content };
        message.Headers.TryAddWithoutValidation("SOAPAction", $"\"{Ns}{operation}\"");
        var fault = Faults.RollServerError();
        if (fault is { AfterEndpoint: false })
        {
            throw new SimulatedServerErrorException(operation, fault.Value.Status);
        }

        using var response = await _http.SendAsync(message, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (fault is { } lost)
        {
            throw new SimulatedServerErrorException(operation, lost.Status);
        }

        response.EnsureSuccessStatusCode();
        return XElement.Parse(body);
    }

    /// <summary>An injected 5xx on the SOAP transport (<see cref="QuickBooksDesktopFaults"/>).</summary>
    private sealed class SimulatedServerErrorException(string operation, int status)
        : Exception($"{operation}: HTTP {status.ToString(CultureInfo.InvariantCulture)} from the network in front of the endpoint (simulated)");

    private sealed record Entity(string ListId, string FullName, string EditSequence, decimal? QuantityOnHand);

    private sealed class Txn(string txnId, string refNumber, string customer, string txnDate, string editSequence, string memo)
    {
        public string TxnId => txnId;

        public string RefNumber => refNumber;

        public string Customer => customer;

        public string TxnDate => txnDate;

        public string EditSequence { get; set; } = editSequence;

        public string Memo { get; set; } = memo;

        /// <summary>An invoice's subtotal or a journal entry's debit total; zero once voided.</summary>
        public decimal Amount { get; set; }
    }
}
