using System.Text.Json;

namespace ProcessBatching.Components.StateMachines;

/// <summary>
/// The JSON form of process data (the <c>state</c> jsonb column) and of process rows in the API:
/// snake_case, as in the stories. Step names used as dictionary keys are left as they are.
/// </summary>
public static class ProcessJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.General)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"Empty {typeof(T).Name} JSON");
}
