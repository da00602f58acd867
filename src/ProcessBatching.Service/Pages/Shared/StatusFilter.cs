using ProcessBatching.Components.Statuses;

namespace ProcessBatching.Service.Pages.Shared;

public sealed record StatusFilter(string Label, IReadOnlyCollection<string> Statuses, string? Selected)
{
    public static StatusFilter For<TStatus>(string label, TStatus? selected)
        where TStatus : struct, Enum =>
        new(label, StoryName<TStatus>.All, selected is { } status ? StoryName<TStatus>.Of(status) : null);

    /// <summary>A status from the query string, or null (all) when it is empty or not a <typeparamref name="TStatus"/>.</summary>
    public static TStatus? Parse<TStatus>(string? status)
        where TStatus : struct, Enum =>
        StoryName<TStatus>.TryParse(status, out var parsed) ? parsed : null;
}
