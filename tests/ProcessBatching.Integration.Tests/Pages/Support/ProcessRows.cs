using Npgsql;
using ProcessBatching.Integration.Tests.Schema;

namespace ProcessBatching.Integration.Tests.Pages.Support;

/// <summary>
/// Moves process rows and writes audit rows as the StatementReport saga does, for specs that need
/// states the real flow would not hold still (run them on a service without the processes role).
/// </summary>
public static class ProcessRows
{
    public static Task SetStatusAsync(
        this NpgsqlConnection db, Guid processId, string status, string? step = null, string? errorCode = null, string? errorMessage = null) =>
        db.ExecuteAsync(
            """
            UPDATE commandbus.process
            SET status = @status, current_step = @step, error_code = @code, error_message = @message, updated_at = now(),
                completed_at = CASE WHEN @status IN ('COMPLETED', 'COMPENSATED', 'FAILED', 'CANCELED') THEN now() END
            WHERE process_id = @id
            """,
            ("id", processId), ("status", status), ("step", (object?)step ?? DBNull.Value),
            ("code", (object?)errorCode ?? DBNull.Value), ("message", (object?)errorMessage ?? DBNull.Value));

    public static Task CompleteAllAsync(this NpgsqlConnection db, Guid batchId) =>
        db.ExecuteAsync(
            "UPDATE commandbus.process SET status = 'COMPLETED', current_step = 'StatementRender', completed_at = now(), updated_at = now() WHERE batch_id = @batch",
            ("batch", batchId));

    public static Task AddAuditAsync(
        this NpgsqlConnection db, Guid processId, string step, string commandType, DateTimeOffset sentAt, string? outcome, string? replyJson) =>
        db.ExecuteAsync(
            """
            INSERT INTO commandbus.process_audit
                (domain, process_id, step_name, command_id, command_type, command_data, sent_at, reply_outcome, reply_data, received_at)
            VALUES ('reporting', @process, @step, gen_random_uuid(), @type, jsonb_build_object('process_id', @process::text), @sent,
                    @outcome, @reply::jsonb, CASE WHEN @outcome::text IS NULL THEN NULL ELSE @sent + interval '1.2 seconds' END)
            """,
            ("process", processId), ("step", step), ("type", commandType), ("sent", sentAt),
            ("outcome", (object?)outcome ?? DBNull.Value), ("reply", (object?)replyJson ?? DBNull.Value));
}
