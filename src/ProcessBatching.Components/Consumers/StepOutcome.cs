namespace ProcessBatching.Components.Consumers;

/// <summary>What a simulated step ends with when it does not throw.</summary>
public enum StepOutcome
{
    Completed,
    BusinessRuleFailure,
}
