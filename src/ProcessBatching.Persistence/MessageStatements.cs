using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace ProcessBatching.Persistence;

/// <summary>
/// Hand-written statements that join the consumed message's transaction: they go to the database in
/// one round trip, with the message's outbox rows, when the message is saved (after EF Core's
/// changes, before the commit), in the order they were added. Each is a constant text with
/// parameters, so the connection prepares it once.
/// <para>
/// Scoped. The outbox's consume context factory (on an endpoint without the outbox, the saga
/// repository's own transaction) opens it for each attempt at a message and sends it; nothing else
/// would, so adding a statement outside a consumed message fails instead of being lost.
/// </para>
/// </summary>
public sealed class MessageStatements
{
    private readonly Lock _gate = new();
    private List<NpgsqlBatchCommand>? _pending;

    /// <summary>A statement with positional parameters ($1, $2, …): values, or parameters typed by the caller.</summary>
    public void Add(string sql, params ReadOnlySpan<object?> parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in parameters)
        {
            command.Parameters.Add(value as NpgsqlParameter ?? new NpgsqlParameter { Value = value ?? DBNull.Value });
        }

        Add(command);
    }

    private void Add(NpgsqlBatchCommand command)
    {
        lock (_gate)
        {
            (_pending ?? throw new InvalidOperationException(
                "Statements are sent with a consumed message's transaction; none is being consumed in this scope.")).Add(command);
        }
    }

    /// <summary>Starts an attempt at a message: statements of an earlier, failed attempt are dropped.</summary>
    public void Open()
    {
        lock (_gate)
        {
            _pending = [];
        }
    }

    public void Close()
    {
        lock (_gate)
        {
            _pending = null;
        }
    }

    /// <summary>Sends what was added since the last call, in the DbContext's open transaction.</summary>
    public async Task ExecuteAsync(DbContext db, CancellationToken cancellationToken)
    {
        NpgsqlBatchCommand[] commands;
        lock (_gate)
        {
            if (_pending is not { Count: > 0 })
            {
                return;
            }

            commands = [.. _pending];
            _pending.Clear();
        }

        var transaction = TransactionOf(db);
        await using var batch = new NpgsqlBatch(transaction.Connection, transaction);
        foreach (var command in commands)
        {
            batch.BatchCommands.Add(command);
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The message's transaction as Npgsql's, for a statement sent without EF Core.</summary>
    public static NpgsqlTransaction TransactionOf(DbContext db) =>
        db.Database.CurrentTransaction?.GetDbTransaction() as NpgsqlTransaction
        ?? throw new InvalidOperationException("Statements are sent in the message's transaction; none is open.");
}
