using System.Text.Json;
using System.Text.Json.Nodes;

namespace ProcessBatching.Components.Processes;

/// <summary>
/// A fault's reply holds the exception's stack trace and source and the host it happened on (machine,
/// process, versions). They stay in the log and the database; what is served shows the exception's
/// type and message only.
/// </summary>
public static class FaultDetails
{
    static readonly string[] Withheld = ["host", "stack_trace", "source", "data"];

    public static JsonElement Withhold(JsonElement reply)
    {
        if (!Mentions(reply))
        {
            return reply;
        }

        var node = JsonNode.Parse(reply.GetRawText())!;
        Remove(node);
        return JsonSerializer.SerializeToElement(node);
    }

    static bool Mentions(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().Any(p => Withheld.Contains(p.Name) || Mentions(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().Any(Mentions),
        _ => false,
    };

    static void Remove(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject fields:
                foreach (var name in Withheld)
                {
                    fields.Remove(name);
                }

                foreach (var (_, value) in fields)
                {
                    Remove(value);
                }

                break;
            case JsonArray items:
                foreach (var item in items)
                {
                    Remove(item);
                }

                break;
        }
    }
}
