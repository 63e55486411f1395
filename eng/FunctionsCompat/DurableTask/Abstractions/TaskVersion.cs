namespace Microsoft.DurableTask;

/// <summary>An orchestration or task version (DurableTask.Abstractions 1.25.0): readonly struct, case-insensitive equality.</summary>
public readonly struct TaskVersion : IEquatable<TaskVersion>
{
    public static readonly TaskVersion Unversioned;

    public TaskVersion(string? version)
    {
        Version = version;
    }

    public string? Version { get; }

    public static implicit operator string?(TaskVersion value) => value.Version;

    public static implicit operator TaskVersion(string? value) => new(value);

    public static bool operator ==(TaskVersion left, TaskVersion right) => left.Equals(right);

    public static bool operator !=(TaskVersion left, TaskVersion right) => !left.Equals(right);

    public bool Equals(TaskVersion other) => string.Equals(Version, other.Version, StringComparison.OrdinalIgnoreCase);

    public override bool Equals(object? obj) => obj is TaskVersion other && Equals(other);

    public override int GetHashCode() => Version is null ? 0 : StringComparer.OrdinalIgnoreCase.GetHashCode(Version);
}
