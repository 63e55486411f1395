using MlConnector.Cli.Demo;
using Spectre.Console;

namespace MlConnector.Tests.Cli;

/// <summary>
/// One run of the demo's QBO ↔ UPS phase against the real sandbox (its own Azurite, the standalone host, the OAuth, QBO,
/// ShipStation and UPS simulators over loopback), shared by the assertions of <see cref="QboUpsEndToEndTests"/>.
/// </summary>
public sealed class QboUpsDemoRun : IAsyncLifetime
{
    private static readonly IAnsiConsole Quiet = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null), Interactive = InteractionSupport.No });

    private DemoSandbox? _sandbox;
    private QboUpsDemoSummary? _summary;

    internal DemoSandbox Sandbox => _sandbox ?? throw new InvalidOperationException("The sandbox did not start.");

    internal QboUpsDemoSummary Summary => _summary ?? throw new InvalidOperationException("The phase did not run.");

    public async Task InitializeAsync()
    {
        _sandbox = await DemoSandbox.StartAsync(_ => { }, CancellationToken.None);
        _summary = await new QboUpsDemoPhase(new DemoProgress(Quiet)).RunAsync(_sandbox, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (_sandbox is not null)
        {
            await _sandbox.DisposeAsync();
        }
    }
}
