using Microsoft.EntityFrameworkCore;
using Npgsql;
using ProcessBatching.Persistence.Outbox;

namespace ProcessBatching.Integration.Tests.Persistence;

/// <summary>The host's DbContext in the specs: the test saga's table, outside the product schema.</summary>
public sealed class TestProcessDbContext(DbContextOptions<TestProcessDbContext> options) : DbContext(options)
{
    public const string CreateTable = """
        CREATE SCHEMA IF NOT EXISTS persistence_specs;
        CREATE TABLE IF NOT EXISTS persistence_specs.test_process (
            correlation_id uuid PRIMARY KEY,
            current_state text NOT NULL,
            steps_done int NOT NULL,
            received int NOT NULL);
        """;

    public DbSet<TestProcessState> Processes => Set<TestProcessState>();

    public static async Task CreateTableAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(CreateTable, connection);
        await command.ExecuteNonQueryAsync();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        var process = modelBuilder.Entity<TestProcessState>().ToTable("test_process", "persistence_specs");
        process.HasKey(x => x.CorrelationId);
        process.Property(x => x.CorrelationId).HasColumnName("correlation_id");
        process.Property(x => x.CurrentState).HasColumnName("current_state");
        process.Property(x => x.StepsDone).HasColumnName("steps_done");
        process.Property(x => x.Received).HasColumnName("received");
        modelBuilder.MapPostgresOutbox();
    }
}
