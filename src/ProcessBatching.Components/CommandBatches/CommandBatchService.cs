using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ProcessBatching.Components.Batches;
using ProcessBatching.Components.Consumers;
using ProcessBatching.Components.Persistence;
using ProcessBatching.Components.Persistence.Model;
using ProcessBatching.Components.StateMachines;
using ProcessBatching.Components.Statuses;
using ProcessBatching.Contracts;

namespace ProcessBatching.Components.CommandBatches;

/// <summary>
/// Sends a batch of step commands outside any process (the COMMAND batches that came before process
/// batches): batch row, command rows and the commands themselves (through the outbox) commit in one
/// transaction; replies move the command rows on and the batch completes through the same stats function.
/// </summary>
public sealed class CommandBatchService(
    ProcessBatchingDbContext db,
    ISendEndpointProvider sender,
    IEndpointNameFormatter names,
    IOptions<ProcessBatchOptions> options,
    ProcessRequestValidator requests,
    TimeProvider clock)
{
    public static readonly string[] Steps = ["query", "aggregation", "render"];

    public async Task<(Guid BatchId, bool Created)> CreateAsync(StartCommandBatch request, CancellationToken cancellationToken)
    {
        var (count, step, behavior) = Validate(request);
        var batchId = request.BatchId ?? Guid.CreateVersion7();
        var now = clock.GetUtcNow();

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var inserted = await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO commandbus.batch (domain, batch_id, name, status, batch_type, total_count, created_at)
            VALUES ({ProcessDomain.Name}, {batchId}, {request.Name ?? $"Command batch {now:yyyy-MM-dd HH:mm:ss}"}, 'PENDING', 'COMMAND', {count}, {now})
            ON CONFLICT (domain, batch_id) DO NOTHING
            """, cancellationToken);
        if (inserted == 0)
        {
            return (batchId, false);
        }

        var replies = new Uri($"queue:{names.Consumer<CommandBatchReplyConsumer>()}");
        for (var index = 0; index < count; index++)
        {
            var commandId = ProcessIds.For(batchId, index);
            var command = StepCommand(step, commandId, batchId, behavior);
            db.Commands.Add(new CommandRow
            {
                CommandId = commandId,
                Domain = ProcessDomain.Name,
                CommandType = command.GetType().Name,
                Status = CommandStatus.Pending,
                BatchId = batchId,
                CreatedAt = now,
                UpdatedAt = now,
            });
            var endpoint = await sender.GetSendEndpoint(new Uri($"queue:{StatementReportSteps.QueueName(names, command)}"));
            await endpoint.Send(command, command.GetType(), send =>
            {
                send.MessageId = commandId;
                send.ResponseAddress = replies;
                send.FaultAddress = replies;
            }, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (batchId, true);
    }

    private (int Count, string Step, StepBehavior Behavior) Validate(StartCommandBatch request)
    {
        var errors = new Dictionary<string, string[]>();
        var max = options.Value.MaxCommandBatchCount;
        if (request.Count is not { } count || count < 1 || count > max)
        {
            errors["count"] = [$"count must be between 1 and {max}."];
        }

        if (request.Name is { Length: > ProcessRequestValidator.MaxNameLength })
        {
            errors["name"] = [$"name must be at most {ProcessRequestValidator.MaxNameLength} characters."];
        }

        var step = request.Step ?? "query";
        if (!Steps.Contains(step))
        {
            errors["step"] = [$"step must be one of {string.Join(", ", Steps)}."];
        }

        var behavior = request.Behavior ?? StepBehavior.None;
        requests.ValidateStep(behavior, "behavior", (field, message) => errors[field] = [message]);
        return errors.Count > 0 ? throw new ProcessBatchValidationException(errors) : (request.Count!.Value, step, behavior);
    }

    /// <summary>A step command outside any process: it names no process, and its inputs are placeholders.</summary>
    private static object StepCommand(string step, Guid commandId, Guid batchId, StepBehavior behavior)
    {
        var input = $"/reports/command-batches/{batchId}/input.json";
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        return step switch
        {
            "query" => new StatementQuery(Guid.Empty, commandId, today, today, ["ACC-0000001"], behavior),
            "aggregation" => new StatementDataAggregation(Guid.Empty, commandId, input, behavior),
            _ => new StatementRender(Guid.Empty, commandId, input, "pdf", behavior),
        };
    }
}
