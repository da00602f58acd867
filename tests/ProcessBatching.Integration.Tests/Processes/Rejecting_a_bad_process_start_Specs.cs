using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using ProcessBatching.Contracts;
using ProcessBatching.Integration.Tests.Support;

namespace ProcessBatching.Integration.Tests.Processes;

public sealed class When_another_service_starts_a_process_without_accounts(IntegrationFixture fixture) : ServiceSpec(fixture)
{
    [Fact]
    public async Task Should_park_the_message_in_the_process_error_queue_and_create_no_process()
    {
        var processId = Guid.NewGuid();
        var request = new StatementReportRequest(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31), [], "pdf", ProcessBehavior.None);

        await Service.Services.GetRequiredService<IBus>().Publish(new StartProcess(processId, null, request));

        var parked = await Eventually.UntilAsync(() => Service.Rabbit.CountAsync("statement-report-state_error"), count => count == 1);
        parked.ShouldBe(1u);
        (await Fixture.ScalarAsync<long>("SELECT count(*) FROM commandbus.process")).ShouldBe(0);
        (await Fixture.ScalarAsync<long>("SELECT count(*) FROM commandbus.process_audit")).ShouldBe(0);
    }
}
