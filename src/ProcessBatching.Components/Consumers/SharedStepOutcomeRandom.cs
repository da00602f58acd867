namespace ProcessBatching.Components.Consumers;

public sealed class SharedStepOutcomeRandom : IStepOutcomeRandom
{
    public int Next(int minValue, int maxValue) => Random.Shared.Next(minValue, maxValue);
}
