namespace Microsoft.Azure.Functions.Worker.Builder;

/// <summary>Entry point of the isolated worker's host builder (Worker 2.52.0; a non-static class).</summary>
public class FunctionsApplication
{
    /// <summary>Creates a builder. In the compat build it wraps a plain generic host builder and is never run.</summary>
    public static FunctionsApplicationBuilder CreateBuilder(string[] args) => new(args);
}
