namespace MlConnector.Sandbox.QuickBooksDesktop;

/// <summary>When an injected session drop (<see cref="QuickBooksDesktopFaults"/>) ends a Web Connector session.</summary>
internal enum QuickBooksDesktopDrop
{
    /// <summary>Not dropped.</summary>
    None,

    /// <summary>After QuickBooks did the request and before its answer was reported (the answer is lost).</summary>
    BeforeReport,

    /// <summary>Right after the answer was reported.</summary>
    AfterReport,
}
