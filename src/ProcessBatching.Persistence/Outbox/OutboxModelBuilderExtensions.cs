using Microsoft.EntityFrameworkCore;

namespace ProcessBatching.Persistence.Outbox;

public static class OutboxModelBuilderExtensions
{
    /// <summary>
    /// Maps the outbox tables (created by migration V006) into the host's DbContext, so captured
    /// sends are saved by the same SaveChanges, in the same transaction, as the state that caused them.
    /// </summary>
    public static ModelBuilder MapPostgresOutbox(this ModelBuilder modelBuilder)
    {
        var state = modelBuilder.Entity<OutboxState>().ToTable("outbox_state", PersistenceSchema.Name);
        state.HasKey(x => x.OutboxId);
        state.Property(x => x.OutboxId).HasColumnName("outbox_id").ValueGeneratedNever();
        state.Property(x => x.CreatedAt).HasColumnName("created_at");
        state.Property(x => x.DueAt).HasColumnName("due_at");
        state.Property(x => x.LockedUntil).HasColumnName("locked_until");

        var message = modelBuilder.Entity<OutboxMessage>().ToTable("outbox_message", PersistenceSchema.Name);
        message.HasKey(x => new { x.OutboxId, x.SequenceNumber });
        message.Property(x => x.OutboxId).HasColumnName("outbox_id");
        message.Property(x => x.SequenceNumber).HasColumnName("sequence_number").ValueGeneratedNever();
        message.Property(x => x.MessageId).HasColumnName("message_id");
        message.Property(x => x.DestinationAddress).HasColumnName("destination_address");
        message.Property(x => x.ContentType).HasColumnName("content_type");
        message.Property(x => x.MessageType).HasColumnName("message_type");
        message.Property(x => x.Body).HasColumnName("body");
        message.Property(x => x.Headers).HasColumnName("headers").HasColumnType("jsonb");
        message.Property(x => x.Properties).HasColumnName("properties").HasColumnType("jsonb");
        message.Property(x => x.ConversationId).HasColumnName("conversation_id");
        message.Property(x => x.CorrelationId).HasColumnName("correlation_id");
        message.Property(x => x.InitiatorId).HasColumnName("initiator_id");
        message.Property(x => x.RequestId).HasColumnName("request_id");
        message.Property(x => x.SourceAddress).HasColumnName("source_address");
        message.Property(x => x.ResponseAddress).HasColumnName("response_address");
        message.Property(x => x.FaultAddress).HasColumnName("fault_address");
        message.Property(x => x.SentTime).HasColumnName("sent_time");
        message.Property(x => x.ExpirationTime).HasColumnName("expiration_time");
        return modelBuilder;
    }
}
