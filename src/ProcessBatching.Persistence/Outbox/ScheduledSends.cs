using Microsoft.EntityFrameworkCore;

namespace ProcessBatching.Persistence.Outbox;

/// <summary>Delayed sends waiting in the outbox, like a scheduler's pending messages.</summary>
public static class ScheduledSends
{
    /// <summary>
    /// Takes back a delayed send not yet delivered, in the caller's transaction. One already on its
    /// way is not stopped: receivers of delayed messages must expect a late one.
    /// </summary>
    public static Task CancelAsync(DbContext db, Guid messageId, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlRawAsync("DELETE FROM commandbus.outbox_state WHERE outbox_id = {0}", [messageId], cancellationToken);
}
