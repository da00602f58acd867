using Microsoft.EntityFrameworkCore;
using Npgsql;
using ProcessBatching.Persistence.Outbox;

namespace ProcessBatching.Benchmarks.Ceiling;

/// <summary>The trivial saga's table, in a schema of the tool's own inside the run's database.</summary>
public sealed class TrivialSagaDbContext(DbContextOptions<TrivialSagaDbContext> options) : DbContext(options)
{
    public static async Task CreateTableAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand(
            """
            CREATE SCHEMA IF NOT EXISTS bench_ceiling;
            CREATE TABLE IF NOT EXISTS bench_ceiling.trivial_saga (correlation_id uuid PRIMARY KEY, current_state text NOT NULL);
            """, connection);
        await command.ExecuteNonQueryAsync();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        var saga = modelBuilder.Entity<TrivialSagaState>().ToTable("trivial_saga", "bench_ceiling");
        saga.HasKey(x => x.CorrelationId);
        saga.Property(x => x.CorrelationId).HasColumnName("correlation_id");
        saga.Property(x => x.CurrentState).HasColumnName("current_state");
        modelBuilder.MapPostgresOutbox();
    }
}
