using System.Text.Json;
using System.Text.Json.Serialization;

namespace ProcessBatching.Service.Endpoints;

/// <summary>
/// Reads a JSON request body so that malformed JSON, a wrong type or an unknown field becomes a
/// validation error naming the field, instead of a bare 400.
/// </summary>
public static class JsonBody
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        PropertyNameCaseInsensitive = false,
    };

    /// <summary>
    /// As <see cref="ReadAsync{T}"/>, for a body that may be left out: an empty body, or none without a
    /// content type, reads as null.
    /// </summary>
    public static Task<(T? Value, Dictionary<string, string[]>? Errors)> ReadOptionalAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class =>
        request.ContentLength == 0 || (request.ContentLength is null && string.IsNullOrEmpty(request.ContentType))
            ? Task.FromResult<(T?, Dictionary<string, string[]>?)>((null, null))
            : ReadAsync<T>(request, cancellationToken);

    public static async Task<(T? Value, Dictionary<string, string[]>? Errors)> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            return (null, new() { ["body"] = ["The request body must be JSON (Content-Type: application/json)."] });
        }

        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
        }
        catch (JsonException)
        {
            return (null, new() { ["body"] = ["The body is not well-formed JSON."] });
        }

        try
        {
            using var parsed = document;
            var value = parsed.Deserialize<T>(Options);
            return value is null ? (null, new() { ["body"] = ["A JSON object is required."] }) : (value, null);
        }
        catch (JsonException exception)
        {
            var field = string.IsNullOrEmpty(exception.Path) || exception.Path == "$" ? "body" : exception.Path.TrimStart('$', '.');
            var reason = exception.Message.Contains("could not be mapped", StringComparison.Ordinal)
                ? "This field is not known."
                : "The value is malformed or has the wrong type.";
            return (null, new() { [field] = [reason] });
        }
    }
}
