namespace Microsoft.Azure.Functions.Worker.Middleware;

/// <summary>The next step of the invocation pipeline (Worker.Core 2.52.0).</summary>
/// <param name="context">The invocation context.</param>
/// <returns>A task that completes when the rest of the pipeline has run.</returns>
public delegate Task FunctionExecutionDelegate(FunctionContext context);
