namespace Microsoft.DurableTask;

/// <summary>
/// The name of an orchestrator or activity (DurableTask.Abstractions 1.25.0): a readonly struct with implicit
/// conversions to and from <see cref="string"/> (null or empty converts to <c>default</c>) and case-insensitive equality.
/// </summary>
public readonly struct TaskName : IEquatable<TaskName>
{
    public TaskName(string name)
    {
        Name = name;
#pragma warning disable CS0618 // The real struct still carries the obsolete Version.
        Version = name is null ? null! : string.Empty;
#pragma warning restore CS0618
    }

    public string Name { get; }

    [Obsolete("Task versions are not used for task identification.")]
    public string Version { get; }

    public static implicit operator string(TaskName value) => value.Name;

    public static implicit operator TaskName(string value) => string.IsNullOrEmpty(value) ? default : new TaskName(value);

    public static bool operator ==(TaskName left, TaskName right) => left.Equals(right);

    public static bool operator !=(TaskName left, TaskName right) => !left.Equals(right);

    public bool Equals(TaskName other) => string.Equals(Name, other.Name, StringComparison.OrdinalIgnoreCase);

    public override bool Equals(object? obj) => obj is TaskName other && Equals(other);

    public override int GetHashCode() => Name is null ? 0 : StringComparer.OrdinalIgnoreCase.GetHashCode(Name);

    public override string ToString() => Name;
}
