using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using ProcessBatching.Components.Processes;
using ProcessBatching.Components.StateMachines;
using ProcessBatching.Contracts;
using ProcessBatching.Integration.Tests.Support;

namespace ProcessBatching.Integration.Tests.Processes;

public sealed class When_a_single_process_is_started(IntegrationFixture fixture) : ServiceSpec(fixture)
{
    private static readonly StatementReportRequest Request = new(
        new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31), ["ACC-0000042"], "csv", ProcessBehavior.None);

    [Fact]
    public async Task Should_write_its_row_with_the_batch_id_without_checking_the_batch_and_run_it()
    {
        var batchId = Guid.NewGuid();
        Guid processId;
        await using (var scope = Service.Services.CreateAsyncScope())
        {
            processId = await scope.ServiceProvider.GetRequiredService<ProcessStarter>().StartAsync(Request, batchId);
        }

        (await Fixture.ScalarAsync<Guid>($"SELECT batch_id FROM commandbus.process WHERE process_id = '{processId}'")).ShouldBe(batchId);
        (await StatusAsync(processId, "COMPLETED")).ShouldBe("COMPLETED");
        (await Fixture.ScalarAsync<string>($"SELECT state->>'output_type' FROM commandbus.process WHERE process_id = '{processId}'")).ShouldBe("csv");
    }

    [Fact]
    public async Task Should_refuse_a_request_without_accounts_and_write_nothing()
    {
        await using var scope = Service.Services.CreateAsyncScope();
        var starter = scope.ServiceProvider.GetRequiredService<ProcessStarter>();

        var refused = await Should.ThrowAsync<InvalidProcessRequestException>(() => starter.StartAsync(Request with { AccountList = [] }));

        refused.Errors.Keys.ShouldBe(["account_list"]);
        (await Fixture.ScalarAsync<long>("SELECT count(*) FROM commandbus.process")).ShouldBe(0);
    }

    [Fact]
    public async Task Should_run_a_process_anotherService_starts_by_message()
    {
        var processId = Guid.NewGuid();

        await Service.Services.GetRequiredService<IBus>().Publish(new StartProcess(processId, null, Request));

        (await StatusAsync(processId, "COMPLETED")).ShouldBe("COMPLETED");
        (await Fixture.ScalarAsync<bool>($"SELECT batch_id IS NULL FROM commandbus.process WHERE process_id = '{processId}'")).ShouldBeTrue();
    }

    private Task<string?> StatusAsync(Guid processId, string wanted) => Eventually.UntilAsync(
        () => Fixture.ScalarAsync<string?>($"SELECT status FROM commandbus.process WHERE process_id = '{processId}'"),
        status => status == wanted);
}
