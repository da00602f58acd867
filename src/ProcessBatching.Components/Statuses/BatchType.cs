using System.Text.Json.Serialization;

namespace ProcessBatching.Components.Statuses;

/// <summary>What a batch counts: its process rows, or (before process batches) its command rows.</summary>
[JsonConverter(typeof(StoryNameJsonConverter<BatchType>))]
public enum BatchType
{
    Command,
    Process,
}
