using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ProcessBatching.Service.Pages.Shared;

/// <summary>How the pages write times, durations, numbers and JSON; batch-live.js mirrors the first three.</summary>
public static class Display
{
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        // Razor HTML-encodes the result; here we only want readable (unescaped) JSON text.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Time(DateTimeOffset? time) =>
        time is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC" : "—";

    public static string? IsoTime(DateTimeOffset? time) => time?.UtcDateTime.ToString("o", CultureInfo.InvariantCulture);

    public static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Duration(TimeSpan? duration) => duration switch
    {
        null => "—",
        { TotalSeconds: < 60 } d => d.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s",
        { TotalHours: < 1 } d => $"{(int)d.TotalMinutes} min {d.Seconds:00} s",
        var d => $"{(int)d.Value.TotalHours} h {d.Value.Minutes:00} min",
    };

    public static string Json(JsonElement? json) => json is { } j ? JsonSerializer.Serialize(j, Indented) : "";
}
