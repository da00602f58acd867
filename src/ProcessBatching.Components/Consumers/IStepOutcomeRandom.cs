namespace ProcessBatching.Components.Consumers;

/// <summary>The dice a simulated step worker rolls; tests pin it to drive a chosen path.</summary>
public interface IStepOutcomeRandom
{
    /// <summary>A number in [<paramref name="minValue"/>, <paramref name="maxValue"/>), like <see cref="Random.Next(int, int)"/>.</summary>
    int Next(int minValue, int maxValue);
}
