namespace MlConnector.Core.Workflows;

/// <summary>What a <see cref="HeldWork"/> row runs when its connection is resumed.</summary>
public enum HeldWorkKind
{
    /// <summary>A workflow start that arrived while the connection was paused: started with its original input.</summary>
    Start = 0,

    /// <summary>
    /// An instance stopped before a write to a target system because the connection was paused (it failed with
    /// <see cref="Errors.ErrorKind.Paused"/>), or a replay asked for while paused: replayed once as <c>{root}:r{n}</c>.
    /// </summary>
    Replay,
}
