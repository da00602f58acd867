using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ProcessBatching.Persistence.Outbox;

/// <summary>
/// Removes inbox rows older than the duplicate window, a bounded batch per statement so the
/// cleanup never holds many row locks or a long transaction. (Outbox rows go when delivered.)
/// </summary>
public sealed class InboxCleanupService<TDbContext>(
    IServiceScopeFactory scopes,
    IOptions<PostgresOutboxOptions> options,
    ILogger<InboxCleanupService<TDbContext>> logger) : BackgroundService
    where TDbContext : DbContext
{
    private const string DeleteBatch = """
        DELETE FROM commandbus.inbox_state WHERE ctid = ANY(ARRAY(
            SELECT ctid FROM commandbus.inbox_state WHERE consumed_at < now() - {0} LIMIT {1}))
        """;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        using var timer = new PeriodicTimer(settings.CleanupInterval);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
                int deleted;
                do
                {
                    deleted = await db.Database.ExecuteSqlRawAsync(DeleteBatch, [settings.DuplicateDetectionWindow, settings.CleanupBatchSize], stoppingToken);
                }
                while (deleted == settings.CleanupBatchSize);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(exception, "Inbox cleanup failed; trying again in {Interval}", settings.CleanupInterval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
