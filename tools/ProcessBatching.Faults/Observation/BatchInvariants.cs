using System.Text.Json;
using Npgsql;
using ProcessBatching.Faults.Servers;

namespace ProcessBatching.Faults.Observation;

/// <summary>
/// What every scenario must leave behind, checked the same way for all: the batch final, its counts
/// those of its process rows, no process unfinished, one audited step command per step of every
/// completed process with its reply, one completion event, nothing in a troubleshooting queue.
/// </summary>
public static class BatchInvariants
{
    private const int StepsPerProcess = 3;

    public static async Task<InvariantReport> CheckAsync(
        ScenarioServers servers, HttpClient service, Guid batchId, int expectedProcesses, BatchProgress progress, int expectedParked = 0)
    {
        var report = new InvariantReport();
        report.Check(progress.IsFinal, $"batch {progress.BatchStatus}", $"batch not final: {progress.Describe()}");

        var table = await CountByStatusAsync(servers, batchId);
        long Count(params string[] statuses) => statuses.Sum(status => table.GetValueOrDefault(status));
        var total = table.Values.Sum();
        report.Check(total == expectedProcesses, $"{total} processes", $"{total} process rows for {expectedProcesses} requested");

        var unfinished = table.Where(pair => !BatchProgress.FinalProcessStatuses.Contains(pair.Key)).ToList();
        report.Check(unfinished.Count == 0, "none unfinished",
            "left unfinished: " + string.Join(", ", unfinished.Select(pair => $"{pair.Key} {pair.Value}")));

        var (completed, failed, blocked) = (Count("COMPLETED", "COMPENSATED"), Count("FAILED", "CANCELED"), Count("WAITING_FOR_TSQ"));
        var api = await BatchFromApiAsync(service, batchId);
        report.Check(api == (total, completed, failed, blocked),
            $"counts {completed}/{failed}/{blocked} = table",
            $"API total/completed/failed/blocked {api?.ToString() ?? "(no answer)"} but the table says ({total}, {completed}, {failed}, {blocked})");

        var audit = await AuditOfCompletedAsync(servers, batchId);
        var expectedRows = Count("COMPLETED") * StepsPerProcess;
        report.Check(audit.Steps == expectedRows && audit.Repeated == 0 && audit.WithoutReply == 0,
            $"audit {audit.Steps} steps",
            $"audit of {Count("COMPLETED")} completed processes: {audit.Steps} of {expectedRows} steps, " +
            $"{audit.Repeated} steps with more than one row, {audit.WithoutReply} rows without a SUCCESS reply");

        var completions = await CompletionQueue.CountAsync(servers.VirtualHost, batchId, progress.IsFinal ? TimeSpan.FromSeconds(15) : TimeSpan.Zero);
        report.Check(completions == 1, "1 completion", $"{completions} ProcessBatchCompleted for the batch (expected 1)");

        var parked = await TroubleshootingQueues.DrainAsync(servers.VirtualHost);
        var parkedCount = parked.Sum(queue => queue.Messages);
        report.Check(parkedCount == expectedParked, $"{parkedCount} in _error",
            $"{parkedCount} in _error (expected {expectedParked}): " +
            string.Join("; ", parked.Select(queue => $"{queue.Queue} {queue.Messages} ({queue.FirstReason})")));
        return report;
    }

    private static async Task<Dictionary<string, long>> CountByStatusAsync(ScenarioServers servers, Guid batchId)
    {
        await using var connection = await servers.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT status, count(*) FROM commandbus.process WHERE batch_id = $1 GROUP BY status", connection);
        command.Parameters.Add(new() { Value = batchId });
        await using var reader = await command.ExecuteReaderAsync();
        var counts = new Dictionary<string, long>();
        while (await reader.ReadAsync())
        {
            counts[reader.GetString(0)] = reader.GetInt64(1);
        }

        return counts;
    }

    /// <summary>
    /// Audit rows of the batch's completed processes: distinct steps audited, steps audited more than once
    /// (a resent command must reuse its command id, hence its row), and rows whose reply was not applied.
    /// command_id is unique in process_audit, so one row per command id is one reply per command id.
    /// </summary>
    private static async Task<(long Steps, long Repeated, long WithoutReply)> AuditOfCompletedAsync(ScenarioServers servers, Guid batchId)
    {
        await using var connection = await servers.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT count(*), count(*) FILTER (WHERE rows > 1), coalesce(sum(unreplied), 0)::bigint
            FROM (SELECT a.process_id, a.step_name, count(*) AS rows,
                         count(*) FILTER (WHERE a.reply_outcome IS DISTINCT FROM 'SUCCESS') AS unreplied
                  FROM commandbus.process_audit a
                  JOIN commandbus.process p ON p.process_id = a.process_id
                  WHERE p.batch_id = $1 AND p.status = 'COMPLETED'
                  GROUP BY a.process_id, a.step_name) steps
            """, connection);
        command.Parameters.Add(new() { Value = batchId });
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    /// <summary>The batch's counts as the API answers them; a replica that stopped itself to be started again is waited for (up to a minute).</summary>
    private static async Task<(long, long, long, long)?> BatchFromApiAsync(HttpClient service, Guid batchId)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (true)
        {
            try
            {
                using var document = JsonDocument.Parse(await service.GetStringAsync($"/api/batches/{batchId}"));
                var batch = document.RootElement;
                long Field(string name) => batch.GetProperty(name).GetInt64();
                return (Field("total_count"), Field("completed_count"), Field("failed_count"), Field("blocked_count"));
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                if (DateTime.UtcNow > deadline)
                {
                    return null;
                }

                await Task.Delay(TimeSpan.FromSeconds(1));
            }
            catch (KeyNotFoundException)
            {
                return null;
            }
        }
    }
}
