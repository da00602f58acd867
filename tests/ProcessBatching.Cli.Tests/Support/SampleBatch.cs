namespace ProcessBatching.Cli.Tests.Support;

/// <summary>Batches as the service answers them.</summary>
public static class SampleBatch
{
    public const string Id = "0193a1b2-0000-7000-8000-000000000001";

    public static string Json(string status, int total, int completed, int failed, int blocked, string? completedAt = null, bool paused = false) =>
        $$"""
        {"batch_id":"{{Id}}","name":"March statements","batch_type":"PROCESS","status":"{{status}}","total_count":{{total}},
         "completed_count":{{completed}},"failed_count":{{failed}},"in_progress_count":{{total - completed - failed}},"blocked_count":{{blocked}},
         "created_at":"2026-03-31T10:00:00+00:00","started_at":"2026-03-31T10:00:00.5+00:00",
         "completed_at":{{(completedAt is null ? "null" : $"\"{completedAt}\"")}},"is_open":true,"paused":{{(paused ? "true" : "false")}},"percent_done":0}
        """;

    public static string Created(int total) =>
        $$"""{"batch_id":"{{Id}}","batch_status":"PENDING","total_count":{{total}},"completed_count":0,"processes":[],"process_count":{{total}},"message":"Created {{total}} processes in batch {{Id}}."}""";
}
