using MassTransit;
using Npgsql;
using ProcessBatching.Components.Batches;
using ProcessBatching.Components.StateMachines;
using ProcessBatching.Components.Statuses;
using ProcessBatching.Contracts;

namespace ProcessBatching.Components.Consumers;

/// <summary>
/// Replies to the step commands of COMMAND batches: each moves its command row to COMPLETED, FAILED
/// (business rule) or IN_TROUBLESHOOTING_QUEUE (the command faulted), and asks for its batch to be
/// recounted soon; the recount is coalesced per batch.
/// </summary>
public sealed class CommandBatchReplyConsumer(NpgsqlDataSource dataSource, BatchOwner owner) :
    IConsumer<StepCompleted>,
    IConsumer<StepFailed>,
    IConsumer<Fault<StatementQuery>>,
    IConsumer<Fault<StatementDataAggregation>>,
    IConsumer<Fault<StatementRender>>
{
    public Task Consume(ConsumeContext<StepCompleted> context) =>
        RecordAsync(context.Message.CommandId, CommandStatus.Completed, null, null, context.CancellationToken);

    public Task Consume(ConsumeContext<StepFailed> context) =>
        RecordAsync(context.Message.CommandId, CommandStatus.Failed, context.Message.ErrorCode, context.Message.ErrorMessage, context.CancellationToken);

    public Task Consume(ConsumeContext<Fault<StatementQuery>> context) => FaultedAsync(context.Message, context.Message.Message.CommandId, context);

    public Task Consume(ConsumeContext<Fault<StatementDataAggregation>> context) => FaultedAsync(context.Message, context.Message.Message.CommandId, context);

    public Task Consume(ConsumeContext<Fault<StatementRender>> context) => FaultedAsync(context.Message, context.Message.Message.CommandId, context);

    private Task FaultedAsync(Fault fault, Guid commandId, ConsumeContext context) =>
        RecordAsync(commandId, CommandStatus.InTroubleshootingQueue,
            FaultDescription.Code(fault), FaultDescription.Message(fault), context.CancellationToken);

    private async Task RecordAsync(Guid commandId, CommandStatus status, string? errorCode, string? errorMessage, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            UPDATE commandbus.command
            SET status = $2, last_error_code = $3, last_error_msg = $4, attempts = attempts + 1, updated_at = now()
            WHERE command_id = $1 AND batch_id IS NOT NULL
            RETURNING batch_id
            """);
        command.Parameters.Add(new() { Value = commandId });
        command.Parameters.Add(new() { Value = StoryName<CommandStatus>.Of(status) });
        command.Parameters.Add(new() { Value = (object?)errorCode ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = (object?)errorMessage ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        if (await command.ExecuteScalarAsync(cancellationToken) is Guid batchId)
        {
            owner.RecountSoon(batchId);
        }
    }
}
