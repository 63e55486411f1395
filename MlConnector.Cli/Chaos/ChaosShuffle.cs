namespace MlConnector.Cli.Chaos;

/// <summary>Puts planned deliveries out of order.</summary>
internal static class ChaosShuffle
{
    /// <summary>The items in an order drawn from <paramref name="random"/>.</summary>
    public static IReadOnlyList<T> Shuffle<T>(IEnumerable<T> items, Random random)
    {
        var array = items.ToArray();
        random.Shuffle(array);
        return array;
    }
}
