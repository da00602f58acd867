using MassTransit;
using ProcessBatching.Components.StateMachines;
using ProcessBatching.Components.Statuses;
using ProcessBatching.Components.Tests.Support;
using ProcessBatching.Contracts;

namespace ProcessBatching.Components.Tests.StateMachines;

public class When_another_service_starts_a_process_with_a_bad_request
{
    static readonly Dictionary<string, StatementReportRequest> BadRequests = new()
    {
        ["no account list"] = Requests.Statement() with { AccountList = null! },
        ["an empty account list"] = Requests.Statement() with { AccountList = [] },
        ["a blank account"] = Requests.Statement() with { AccountList = ["ACC-001", " "] },
        ["from after to"] = Requests.Statement() with { FromDate = new DateOnly(2026, 4, 1) },
        ["no dates"] = Requests.Statement() with { FromDate = default, ToDate = default },
        ["an unknown output type"] = Requests.Statement() with { OutputType = "docx" },
        ["a step of 24 days"] = Requests.Statement(Behaviors.Query(StepBehavior.None with { MaxDurationMs = 2_073_600_000 })),
        ["a percentage over 100"] = Requests.Statement(Behaviors.Query(StepBehavior.None with { FailPermanentPct = 101 })),
    };

    public static TheoryData<string> Cases => [.. BadRequests.Keys];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Should_fault_the_message_without_creating_the_process(string badRequest)
    {
        await using var test = await ProcessHarness.Start(workers: false);
        var processId = Guid.NewGuid();

        await test.Harness.Bus.Publish(new StartProcess(processId, null, BadRequests[badRequest]));

        (await test.Harness.Published.Any<Fault<StartProcess>>(x => x.Context.Message.Message.ProcessId == processId)).ShouldBeTrue();
        test.ProcessCount.ShouldBe(0);
        test.StatusChangesSoFar(processId).ShouldBeEmpty();
    }

    [Fact]
    public async Task Should_leave_a_pending_row_to_be_started_by_its_own_message()
    {
        await using var test = await ProcessHarness.Start(workers: false);
        var processId = Guid.NewGuid();
        test.AddPendingProcess(new StatementReportState
        {
            CorrelationId = processId,
            CurrentState = ProcessStatus.Pending.StateName(),
            Data = StatementReportData.From(Requests.Statement()),
            CreatedAt = DateTimeOffset.UtcNow,
            UpdatedAt = DateTimeOffset.UtcNow,
        });

        await test.Harness.Bus.Publish(new StartProcess(processId, null, Requests.Statement() with { AccountList = [] }));
        (await test.Harness.Published.Any<Fault<StartProcess>>(x => x.Context.Message.Message.ProcessId == processId)).ShouldBeTrue();
        await test.Harness.Bus.Publish(new StartProcess(processId, null, null));

        await test.ShouldReach(processId, x => x.WaitingForReply);
        test.Process(processId).Data.AccountList.ShouldBe(["ACC-001", "ACC-002"]);
    }
}
