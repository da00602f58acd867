using Npgsql;
using ProcessBatching.Integration.Tests.Support;

namespace ProcessBatching.Integration.Tests.Persistence;

[Collection(PersistenceCollection.Name)]
[Trait("Category", "Integration")]
public sealed class When_inbox_rows_outlive_the_duplicate_window(IntegrationFixture fixture)
{
    [Fact]
    public async Task Should_remove_them_in_batches_and_keep_the_recent_ones()
    {
        var consumerId = Guid.NewGuid();
        await using (var connection = await fixture.OpenConnectionAsync())
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO commandbus.inbox_state (message_id, consumer_id, consumed_at)
            SELECT gen_random_uuid(), @consumer, now() - CASE WHEN n <= 2500 THEN interval '2 days' ELSE interval '1 minute' END
            FROM generate_series(1, 2510) AS n
            """, connection))
        {
            insert.Parameters.AddWithValue("consumer", consumerId);
            await insert.ExecuteNonQueryAsync();
        }

        await using var host = await SagaHost.StartAsync(fixture, IsolatedServices.NewName("clean"), new PublishedEvents(), configure: options =>
        {
            options.DuplicateDetectionWindow = TimeSpan.FromDays(1);
            options.CleanupBatchSize = 1000;
        });

        await Eventually.Holds(async () => await InboxRows(consumerId) == 10, TimeSpan.FromSeconds(15), "the 2,500 rows older than a day are gone, the 10 recent ones stay");
    }

    private async Task<long> InboxRows(Guid consumerId)
    {
        await using var connection = await fixture.OpenConnectionAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM commandbus.inbox_state WHERE consumer_id = @consumer", connection);
        count.Parameters.AddWithValue("consumer", consumerId);
        return (long)(await count.ExecuteScalarAsync())!;
    }
}
