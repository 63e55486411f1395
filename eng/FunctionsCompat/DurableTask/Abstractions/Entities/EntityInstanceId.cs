namespace Microsoft.DurableTask.Entities;

/// <summary>Identifies a durable entity (DurableTask.Abstractions 1.25.0); the name is stored lower-case.</summary>
public readonly record struct EntityInstanceId
{
    public EntityInstanceId(string name, string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name.ToLowerInvariant();
        Key = key;
    }

    public string Name { get; }

    public string Key { get; }

    public override string ToString() => $"@{Name}@{Key}";
}
