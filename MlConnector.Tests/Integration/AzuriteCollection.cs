namespace MlConnector.Tests.Integration;

/// <summary>Every test class that needs storage joins this collection and shares one Azurite process.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
