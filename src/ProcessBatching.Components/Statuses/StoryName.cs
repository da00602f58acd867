using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ProcessBatching.Components.Statuses;

/// <summary>
/// A status's name as the stories write it (<c>IN_PROGRESS</c>, <c>WAITING_FOR_TSQ</c>): the
/// member's <see cref="JsonStringEnumMemberNameAttribute"/>, else its name in upper snake case.
/// Database columns, SQL parameters and JSON carry these; code uses the enum.
/// </summary>
public static class StoryName<TStatus>
    where TStatus : struct, Enum
{
    private static readonly FrozenDictionary<TStatus, string> Names = Enum.GetValues<TStatus>().ToFrozenDictionary(
        status => status,
        status => typeof(TStatus).GetField(status.ToString())!.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name
            ?? JsonNamingPolicy.SnakeCaseUpper.ConvertName(status.ToString()));

    private static readonly FrozenDictionary<string, TStatus> Statuses = Names.ToFrozenDictionary(pair => pair.Value, pair => pair.Key);

    /// <summary>Every story name, in declaration order.</summary>
    public static IReadOnlyList<string> All { get; } = Enum.GetValues<TStatus>().Select(status => Names[status]).ToArray();

    public static string Of(TStatus status) => Names[status];

    public static string[] Of(IEnumerable<TStatus> statuses) => statuses.Select(Of).ToArray();

    public static bool TryParse(string? name, out TStatus status) => Statuses.TryGetValue(name ?? "", out status);

    public static TStatus Parse(string name) =>
        TryParse(name, out var status) ? status : throw new ArgumentOutOfRangeException(nameof(name), name, $"Not a {typeof(TStatus).Name}");
}

/// <summary>The JSON converters for every status type, ahead of any general enum converter.</summary>
public static class StoryNames
{
    public static IEnumerable<JsonConverter> JsonConverters { get; } =
    [
        new StoryNameJsonConverter<ProcessStatus>(),
        new StoryNameJsonConverter<CommandStatus>(),
        new StoryNameJsonConverter<BatchStatus>(),
        new StoryNameJsonConverter<BatchType>(),
    ];
}

/// <summary>Reads and writes a status as its story name in JSON.</summary>
public sealed class StoryNameJsonConverter<TStatus> : JsonConverter<TStatus>
    where TStatus : struct, Enum
{
    public override TStatus Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        StoryName<TStatus>.TryParse(reader.GetString(), out var status)
            ? status
            : throw new JsonException($"Not a {typeof(TStatus).Name}; expected one of {string.Join(", ", StoryName<TStatus>.All)}.");

    public override void Write(Utf8JsonWriter writer, TStatus value, JsonSerializerOptions options) =>
        writer.WriteStringValue(StoryName<TStatus>.Of(value));
}
