using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using ProcessBatching.Integration.Tests.Support;

namespace ProcessBatching.Integration.Tests.Cli;

public sealed partial class When_pb_starts_a_batch_and_waits_for_it(IntegrationFixture fixture) : CliSpec(fixture)
{
    [Fact]
    public async Task Should_exit_0_with_a_final_line_saying_every_process_completed()
    {
        var pb = Start("batch", "start", "--count", "20", "--name", "Started by pb", "--wait");

        (await pb.ExitCodeAsync(TimeSpan.FromSeconds(90))).ShouldBe(0, pb.ToString());
        var final = FinalLine().Match(pb.FinalLine);
        final.Success.ShouldBeTrue($"the final line reads \"{pb.FinalLine}\"\n{pb}");
        final.Groups["status"].Value.ShouldBe("COMPLETED");
        final.Groups["counts"].Value.ShouldBe("20 completed, 0 failed, 0 blocked");

        // The line tells the truth about the batch the service holds.
        var batch = await Service.Client.GetFromJsonAsync<JsonElement>($"/api/process-batches/{final.Groups["id"].Value}");
        batch.GetProperty("name").GetString().ShouldBe("Started by pb");
        batch.GetProperty("status").GetString().ShouldBe("COMPLETED");
        batch.GetProperty("completed_count").GetInt32().ShouldBe(20);
        pb.Error.Text.ShouldBeEmpty();
    }

    [GeneratedRegex(@"^Batch (?<id>[0-9a-f-]{36}) (?<status>[A-Z_]+): (?<counts>\d+ completed, \d+ failed, \d+ blocked) in \d+\.\d s \(\d+\.\d processes/s\)$")]
    internal static partial Regex FinalLine();
}

public sealed class When_pb_waits_for_a_batch_whose_processes_fail(IntegrationFixture fixture) : CliSpec(fixture)
{
    [Fact]
    public async Task Should_exit_3_when_the_batch_completes_with_failures()
    {
        // A business rule that fails at the second step: the first is compensated and each process ends CANCELED.
        var behavior = Path.GetTempFileName();
        await File.WriteAllTextAsync(behavior, """{"aggregation": {"fail_business_rule_pct": 100}}""");
        try
        {
            var pb = Start("batch", "start", "--count", "5", "--behavior", behavior, "--wait");

            (await pb.ExitCodeAsync(TimeSpan.FromSeconds(90))).ShouldBe(3, pb.ToString());
            pb.FinalLine.ShouldMatch(@"^Batch [0-9a-f-]{36} COMPLETED_WITH_FAILURES: 0 completed, 5 failed, 0 blocked in ", pb.ToString());
        }
        finally
        {
            File.Delete(behavior);
        }
    }
}

public sealed class When_pb_waits_for_a_batch_with_blocked_processes(IntegrationFixture fixture) : CliSpec(fixture)
{
    [Fact]
    public async Task Should_keep_waiting_on_them_and_exit_0_once_an_operator_retries_them()
    {
        var csv = Path.GetTempFileName();
        await File.WriteAllTextAsync(csv, "account,output_type\nACC-1,pdf\nACC-2;ACC-3,html\nACC-4,csv\n");
        var behavior = Path.GetTempFileName();
        await File.WriteAllTextAsync(behavior, """{"query": {"fail_permanent_pct": 100}}""");
        try
        {
            var pb = Start("batch", "start", "--from-csv", csv, "--behavior", behavior, "--wait");

            // pb itself says the batch waits on the processes in the troubleshooting queue, and goes on.
            await Eventually.Holds(() => Task.FromResult(pb.Out.Text.Contains("waiting on 3 blocked processes")), TimeSpan.FromSeconds(60),
                "pb to report 3 blocked processes");
            pb.Run.IsCompleted.ShouldBeFalse(pb.ToString());
            var batchId = Regex.Match(pb.Out.Text, @"in batch (?<id>[0-9a-f-]{36})").Groups["id"].Value;

            var blocked = await Service.Client.GetFromJsonAsync<JsonElement>($"/api/process-batches/{batchId}/processes?status=WAITING_FOR_TSQ");
            blocked.GetProperty("items").GetArrayLength().ShouldBe(3);
            foreach (var process in blocked.GetProperty("items").EnumerateArray())
            {
                // A retried step runs without its failure chances.
                using var retry = await Service.Client.PostAsync($"/api/processes/{process.GetProperty("process_id").GetString()}/retry", null);
                retry.IsSuccessStatusCode.ShouldBeTrue(await retry.Content.ReadAsStringAsync());
            }

            (await pb.ExitCodeAsync(TimeSpan.FromSeconds(60))).ShouldBe(0, pb.ToString());
            pb.FinalLine.ShouldMatch($@"^Batch {batchId} COMPLETED: 3 completed, 0 failed, 0 blocked in ", pb.ToString());
        }
        finally
        {
            File.Delete(csv);
            File.Delete(behavior);
        }
    }
}
