using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ProcessBatching.Components.Processes;
using ProcessBatching.Components.StateMachines;

namespace ProcessBatching.Components.Persistence.Model;

/// <summary>
/// The StatementReport saga is the <c>commandbus.process</c> row: the MassTransit state name is
/// stored as the story's status string, the process data as snake_case jsonb.
/// </summary>
public static class ProcessStateMap
{
    /// <summary>
    /// Field by field, not through JSON: EF Core snapshots the data of a row it tracks and compares it
    /// on every change check, and the JSON comparer serialised it twice per check and once more (with a
    /// parse) per snapshot. The saga repository no longer tracks the rows it loads; an inserted row and
    /// any page or API read that tracks one still pay it.
    /// </summary>
    private static readonly ValueComparer<StatementReportData> DataComparer = new(
        (left, right) => StatementReportDataComparer.Same(left, right),
        data => StatementReportDataComparer.Hash(data),
        data => StatementReportDataComparer.Copy(data));

    public static void Map(EntityTypeBuilder<StatementReportState> process)
    {
        StatementReportDataComparer.Verify();
        process.ToTable("process");
        process.HasKey(x => x.CorrelationId);
        process.Property(x => x.CorrelationId).HasColumnName("process_id");
        process.Property(x => x.CurrentState).HasColumnName("status")
            .HasConversion(state => ProcessRows.StatusOf(state), status => ProcessRows.StateNameOf(status!));
        process.Property(x => x.Domain).HasColumnName("domain");
        process.Property(x => x.ProcessType).HasColumnName("process_type");
        process.Property(x => x.CurrentStep).HasColumnName("current_step");
        process.Property(x => x.Data).HasColumnName("state").HasColumnType("jsonb")
            .HasConversion(data => ProcessRows.DataJson(data), json => ProcessRows.DataFrom(json), DataComparer);
        process.Property(x => x.ErrorCode).HasColumnName("error_code");
        process.Property(x => x.ErrorMessage).HasColumnName("error_message");
        process.Property(x => x.CreatedAt).HasColumnName("created_at");
        process.Property(x => x.UpdatedAt).HasColumnName("updated_at");
        process.Property(x => x.CompletedAt).HasColumnName("completed_at");
        process.Property(x => x.BatchId).HasColumnName("batch_id");
        process.Property(x => x.StepDueAt).HasColumnName("step_due_at");
    }
}
