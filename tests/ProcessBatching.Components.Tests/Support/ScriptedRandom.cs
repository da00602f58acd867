using System.Collections.Concurrent;
using ProcessBatching.Components.Consumers;

namespace ProcessBatching.Components.Tests.Support;

/// <summary>Rolls the given numbers in order, then the lowest possible one; counts every roll.</summary>
public sealed class ScriptedRandom(params int[] rolls) : IStepOutcomeRandom
{
    readonly ConcurrentQueue<int> _rolls = new(rolls);
    int _count;

    public int Rolls => _count;

    public int Next(int minValue, int maxValue)
    {
        Interlocked.Increment(ref _count);
        return _rolls.TryDequeue(out var roll) ? roll : minValue;
    }
}
