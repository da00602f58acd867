using System.Text.Json;
using System.Text.Json.Serialization;

namespace ProcessBatching.Cli.Service;

/// <summary>The API's JSON: snake_case, absent rather than null; and how <c>--json</c> prints an answer.</summary>
public static class Json
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Reading files the user wrote: a misspelt field is an error, not a silent zero.</summary>
    public static readonly JsonSerializerOptions Strict = new(Options)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>One JSON object on one line of stdout, as the service sent it.</summary>
    public static void Print(TextWriter output, JsonElement answer) =>
        output.WriteLine(answer.ValueKind == JsonValueKind.Undefined ? "{}" : JsonSerializer.Serialize(answer));
}
