namespace MlConnector.Sandbox;

/// <summary>
/// The plumbing every simulator's fault injection shares (<see cref="SimulatorFaults"/> on the HTTP APIs,
/// <see cref="QuickBooksDesktop.QuickBooksDesktopFaults"/> in the simulated Web Connector): probabilities switched on with a
/// seed and lifted by <see cref="Disable"/>, rolls from one seeded <see cref="Random"/> under one lock (so a run with the
/// same seed and the same call order injects the same faults), and counters that let a run prove it really injected them.
/// Off by default: rates of zero change nothing. What each fault is and where it strikes is the derived class's.
/// </summary>
public abstract class SeededFaults
{
    private readonly Lock _lock = new();
    private readonly double[] _rates;
    private readonly int[] _forced;
    private readonly int[] _counts;
    private Random _random = new(0);

    /// <summary>Sets up <paramref name="faultKinds"/> rates (indexed 0…n−1) and <paramref name="counters"/> counters.</summary>
    /// <param name="faultKinds">How many fault probabilities the derived class rolls.</param>
    /// <param name="counters">How many counts it keeps.</param>
    protected SeededFaults(int faultKinds, int counters)
    {
        _rates = new double[faultKinds];
        _forced = new int[faultKinds];
        _counts = new int[counters];
    }

    /// <summary>Lifts every fault; the counts stay.</summary>
    public void Disable()
    {
        lock (_lock)
        {
            Array.Clear(_rates);
            Array.Clear(_forced);
            OnDisabled();
        }
    }

    /// <summary>Switches faults on: a fresh <see cref="Random"/> from <paramref name="seed"/>, and one rate per fault kind.</summary>
    /// <param name="seed">The seed of the rolls.</param>
    /// <param name="rates">The probability of each fault kind (each 0–1), in index order.</param>
    /// <exception cref="ArgumentOutOfRangeException">When a rate is outside 0–1.</exception>
    /// <exception cref="ArgumentException">When the number of rates is not the number of fault kinds.</exception>
    protected void EnableRates(int seed, params ReadOnlySpan<double> rates)
    {
        if (rates.Length != _rates.Length)
        {
            throw new ArgumentException($"Expected {_rates.Length} rates, got {rates.Length}.", nameof(rates));
        }

        foreach (var rate in rates)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(rate);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(rate, 1d);
        }

        lock (_lock)
        {
            _random = new Random(seed);
            rates.CopyTo(_rates);
        }
    }

    /// <summary>
    /// Makes every fault kind whose rate is above 0 strike on its first <paramref name="guaranteed"/> chances, before the rolls
    /// take over, so a short run that asserts "this class was injected" cannot miss it (0: rolls only). Call after
    /// <see cref="EnableRates"/>; <see cref="Disable"/> drops what is left.
    /// </summary>
    /// <param name="guaranteed">Strikes per fault kind before the rolls.</param>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="guaranteed"/> is negative.</exception>
    protected void Guarantee(int guaranteed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(guaranteed);
        lock (_lock)
        {
            for (var kind = 0; kind < _rates.Length; kind++)
            {
                _forced[kind] = _rates[kind] > 0 ? guaranteed : 0;
            }
        }
    }

    /// <summary>Takes one guaranteed strike of a fault kind; false when none is left.</summary>
    /// <param name="kind">The fault kind's rate index.</param>
    /// <returns>Whether a guaranteed strike was taken.</returns>
    protected bool TakeGuaranteed(int kind)
    {
        lock (_lock)
        {
            return TakeGuaranteedLocked(_forced, kind);
        }
    }

    /// <summary>Called under the lock when <see cref="Disable"/> lifts the faults, to reset the derived class's own state.</summary>
    protected virtual void OnDisabled()
    {
    }

    /// <summary>True, and <paramref name="counter"/> counted, when the fault of <paramref name="kind"/> strikes this time.</summary>
    /// <param name="kind">The fault kind's rate index.</param>
    /// <param name="counter">The counter to add one to when it strikes.</param>
    /// <returns>Whether the fault strikes.</returns>
    protected bool RollCounted(int kind, int counter)
    {
        lock (_lock)
        {
            if (!TakeGuaranteedLocked(_forced, kind) && (_rates[kind] <= 0 || _random.NextDouble() >= _rates[kind]))
            {
                return false;
            }
        }

        Count(counter);
        return true;
    }

    /// <summary>Runs a compound roll under the lock, with the random source and the current rates (by kind index).</summary>
    /// <typeparam name="T">What the roll decides.</typeparam>
    /// <param name="draw">The roll; it must not block.</param>
    /// <returns>What <paramref name="draw"/> returned.</returns>
    protected T Draw<T>(Func<Random, IReadOnlyList<double>, T> draw)
    {
        ArgumentNullException.ThrowIfNull(draw);
        return Draw((random, rates, _) => draw(random, rates));
    }

    /// <summary>
    /// Runs a compound roll under the lock, with the random source, the current rates and the guaranteed strikes left (by kind
    /// index; the roll decrements what it takes).
    /// </summary>
    /// <typeparam name="T">What the roll decides.</typeparam>
    /// <param name="draw">The roll; it must not block.</param>
    /// <returns>What <paramref name="draw"/> returned.</returns>
    protected T Draw<T>(Func<Random, IReadOnlyList<double>, int[], T> draw)
    {
        ArgumentNullException.ThrowIfNull(draw);
        lock (_lock)
        {
            return draw(_random, _rates, _forced);
        }
    }

    /// <summary>Adds one to a counter.</summary>
    /// <param name="counter">The counter's index.</param>
    protected void Count(int counter) => Interlocked.Increment(ref _counts[counter]);

    /// <summary>A counter's value so far.</summary>
    /// <param name="counter">The counter's index.</param>
    /// <returns>How many times it was counted.</returns>
    protected int Counted(int counter) => Volatile.Read(ref _counts[counter]);

    private static bool TakeGuaranteedLocked(int[] forced, int kind)
    {
        if (forced[kind] <= 0)
        {
            return false;
        }

        forced[kind]--;
        return true;
    }
}
