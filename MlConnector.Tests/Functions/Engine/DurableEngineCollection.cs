namespace MlConnector.Tests.Functions.Engine;

/// <summary>The test classes that share one in-process Durable engine (<see cref="DurableEngineFixture"/>).</summary>
[CollectionDefinition(Name)]
public sealed class DurableEngineCollection : ICollectionFixture<DurableEngineFixture>
{
    public const string Name = "Durable engine";
}
