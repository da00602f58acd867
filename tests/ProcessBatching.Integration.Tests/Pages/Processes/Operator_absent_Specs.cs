using Microsoft.Extensions.DependencyInjection;
using ProcessBatching.Components.Batches;
using ProcessBatching.Contracts;
using ProcessBatching.Integration.Tests.Pages.Support;
using ProcessBatching.Integration.Tests.Support;

namespace ProcessBatching.Integration.Tests.Pages.Processes;

[Collection(PagesCollection.Name)]
[Trait("Category", "Integration")]
public sealed class When_no_process_operator_is_registered(BrowserFixture fixture)
{
    [Fact]
    public async Task Should_show_a_waiting_process_without_operator_actions()
    {
        // The plain service, as it runs until the saga registers its operator.
        await using var service = new ServiceFactory(fixture.Database.ServiceConfiguration());
        var (batch, _) = await service.Services.GetRequiredService<ProcessBatchService>()
            .CreateAsync(new StartProcessBatch(null, "No operator", 1, null, null, null, null), CancellationToken.None);
        var processId = ProcessIds.For(batch.BatchId, 0);
        await using (var db = await fixture.Database.OpenConnectionAsync())
        {
            await db.SetStatusAsync(processId, "WAITING_FOR_TSQ", "StatementRender", "RENDER_FAILED", "Renderer crashed");
        }

        using var client = service.CreateClient();
        var html = await client.GetStringAsync($"/processes/{processId}");

        html.ShouldContain("Waiting in the troubleshooting queue");
        html.ShouldContain("Operator actions are not available on this service.");
        html.ShouldNotContain("Retry step");
        html.ShouldNotContain("<form method=\"post\"");
    }
}
