using System.Text.Json;

namespace ProcessBatching.Cli;

/// <summary>What an answer of the service says to a person.</summary>
public static class Answers
{
    public static string Message(JsonElement answer, string fallback) => Text(answer, "message") ?? fallback;

    /// <summary>An action's answer: its <c>message</c>, else the sentence <paramref name="fallback"/> with the numbers it carries (<c>retried_count: 16</c>).</summary>
    public static string Outcome(JsonElement answer, string fallback)
    {
        if (Text(answer, "message") is { } message)
        {
            return message;
        }

        var numbers = answer.ValueKind == JsonValueKind.Object
            ? answer.EnumerateObject().Where(field => field.Value.ValueKind == JsonValueKind.Number).Select(field => $"{field.Name}: {field.Value}").ToList()
            : [];
        return numbers.Count == 0 ? $"{fallback}." : $"{fallback} ({string.Join(", ", numbers)}).";
    }

    public static string? Text(JsonElement answer, string name) =>
        answer.ValueKind == JsonValueKind.Object && answer.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
