namespace ProcessBatching.Contracts;

public record ProcessBehavior(StepBehavior Query, StepBehavior Aggregation, StepBehavior Render)
{
    public static ProcessBehavior None { get; } = new(StepBehavior.None, StepBehavior.None, StepBehavior.None);
}
