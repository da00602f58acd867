using Microsoft.EntityFrameworkCore;
using ProcessBatching.Components.Persistence.Model;
using ProcessBatching.Components.StateMachines;
using ProcessBatching.Components.Statuses;
using ProcessBatching.Persistence.Outbox;

namespace ProcessBatching.Components.Persistence;

/// <summary>
/// The unit of work of one message: the process row (saga state), its journal rows and, through
/// the outbox, the messages it sends. The schema is the SQL migrations', never EnsureCreated.
/// </summary>
public sealed class ProcessBatchingDbContext(DbContextOptions<ProcessBatchingDbContext> options) : DbContext(options)
{
    public DbSet<StatementReportState> Processes => Set<StatementReportState>();
    public DbSet<ProcessAuditRow> ProcessAudit => Set<ProcessAuditRow>();
    public DbSet<CommandRow> Commands => Set<CommandRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(DatabaseMigrator.Schema);
        ProcessStateMap.Map(modelBuilder.Entity<StatementReportState>());

        // Keyed by command id (unique) so a reply updates its row without reading it first; the
        // serial id is the database's own.
        var audit = modelBuilder.Entity<ProcessAuditRow>().ToTable("process_audit");
        audit.HasKey(x => x.CommandId);
        audit.Property(x => x.CommandData).HasColumnType("jsonb");
        audit.Property(x => x.ReplyData).HasColumnType("jsonb");

        var command = modelBuilder.Entity<CommandRow>().ToTable("command");
        command.HasKey(x => x.CommandId);
        command.Property(x => x.Status).HasConversion(status => StoryName<CommandStatus>.Of(status), name => StoryName<CommandStatus>.Parse(name));

        modelBuilder.MapPostgresOutbox();
    }
}
