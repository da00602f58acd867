using System.Net;
using System.Text;
using System.Text.Json;

namespace ProcessBatching.Cli.Service;

/// <summary>An answer other than success in words: RFC 7807 problem details (title, detail, each field's errors), else the status and body.</summary>
public static class Problem
{
    public static string Describe(HttpMethod method, string path, HttpResponseMessage response, string body, Func<string, string> fieldName)
    {
        var status = (int)response.StatusCode;
        var text = new StringBuilder($"{method} /{path} answered {status}");
        if (TryParse(body) is { } problem)
        {
            text.Append(' ').Append(Field(problem, "title") ?? response.ReasonPhrase);
            if (Field(problem, "detail") is { } detail)
            {
                text.Append(": ").Append(detail);
            }

            if (problem.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object)
            {
                foreach (var field in errors.EnumerateObject())
                {
                    var messages = field.Value.ValueKind == JsonValueKind.Array
                        ? field.Value.EnumerateArray().Select(message => message.ToString())
                        : [field.Value.ToString()];
                    foreach (var message in messages)
                    {
                        text.Append(Environment.NewLine).Append("  ").Append(fieldName(field.Name)).Append(": ").Append(message);
                    }
                }
            }
        }
        else
        {
            text.Append(' ').Append(response.ReasonPhrase);
            if (body.Length > 0)
            {
                text.Append(": ").Append(Shorten(body));
            }
        }

        text.Append(Hint(response.StatusCode));
        return text.ToString();
    }

    public static string Shorten(string body) => body.Length <= 300 ? body : body[..300] + "…";

    private static string Hint(HttpStatusCode status) => status switch
    {
        HttpStatusCode.Unauthorized => $"{Environment.NewLine}  The service wants a bearer token: give it with --token or PB_TOKEN (docs/security.md).",
        HttpStatusCode.Forbidden => $"{Environment.NewLine}  The token's roles do not allow this (viewer reads, submitter starts batches, operator acts on them).",
        _ => "",
    };

    private static JsonElement? TryParse(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object && (root.TryGetProperty("title", out _) || root.TryGetProperty("errors", out _))
                ? root.Clone()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Field(JsonElement problem, string name) =>
        problem.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
