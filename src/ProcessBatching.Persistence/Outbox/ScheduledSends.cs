namespace ProcessBatching.Persistence.Outbox;

/// <summary>Delayed sends waiting in the outbox, like a scheduler's pending messages.</summary>
public static class ScheduledSends
{
    /// <summary>
    /// Takes back a delayed send not yet delivered, with the consumed message's other statements. One
    /// already on its way is not stopped: receivers of delayed messages must expect a late one.
    /// </summary>
    public static void Cancel(MessageStatements statements, Guid messageId) =>
        statements.Add("DELETE FROM commandbus.outbox_state WHERE outbox_id = $1", messageId);
}
