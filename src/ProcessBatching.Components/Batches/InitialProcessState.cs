using System.Text.Json;
using ProcessBatching.Contracts;

namespace ProcessBatching.Components.Batches;

// TODO(merge): replace with the process state's own serializer.
public static class InitialProcessState
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static string Json(Guid processId, StatementReportRequest request) => JsonSerializer.Serialize(request, Options);
}
