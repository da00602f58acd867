using MassTransit;
using MassTransit.Context;
using MassTransit.Serialization;

namespace ProcessBatching.Persistence.Outbox;

/// <summary>One captured send, serialized as the transport would carry it (<c>commandbus.outbox_message</c>).</summary>
public sealed class OutboxMessage
{
    public Guid OutboxId { get; set; }
    public int SequenceNumber { get; set; }
    public Guid MessageId { get; set; }
    public string DestinationAddress { get; set; } = "";
    public string ContentType { get; set; } = "";
    public string MessageType { get; set; } = "";
    public string Body { get; set; } = "";
    public string? Headers { get; set; }
    public string? Properties { get; set; }
    public Guid? ConversationId { get; set; }
    public Guid? CorrelationId { get; set; }
    public Guid? InitiatorId { get; set; }
    public Guid? RequestId { get; set; }
    public string? SourceAddress { get; set; }
    public string? ResponseAddress { get; set; }
    public string? FaultAddress { get; set; }
    public DateTime SentTime { get; set; }
    public DateTime? ExpirationTime { get; set; }

    public static OutboxMessage From<T>(SendContext<T> context, Guid outboxId, int sequenceNumber)
        where T : class
    {
        var now = DateTime.UtcNow;
        var serializer = SystemTextJsonMessageSerializer.Instance;
        var properties = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);
        (context as TransportSendContext)?.WritePropertiesTo(properties);

        return new OutboxMessage
        {
            OutboxId = outboxId,
            SequenceNumber = sequenceNumber,
            MessageId = context.MessageId ?? throw new MessageException(typeof(T), "A send through the outbox needs a MessageId"),
            DestinationAddress = context.DestinationAddress?.ToString() ?? throw new MessageException(typeof(T), "A send through the outbox needs a destination"),
            ContentType = (context.ContentType ?? context.Serialization.DefaultContentType).ToString(),
            MessageType = string.Join(";", context.SupportedMessageTypes),
            Body = context.Serializer.GetMessageBody(context).GetString(),
            Headers = serializer.SerializeDictionary(context.Headers.GetAll()),
            Properties = properties.Count == 0 ? null : serializer.SerializeDictionary(properties),
            ConversationId = context.ConversationId,
            CorrelationId = context.CorrelationId,
            InitiatorId = context.InitiatorId,
            RequestId = context.RequestId,
            SourceAddress = context.SourceAddress?.ToString(),
            ResponseAddress = context.ResponseAddress?.ToString(),
            FaultAddress = context.FaultAddress?.ToString(),
            SentTime = context.SentTime ?? now,
            ExpirationTime = context.TimeToLive is { } ttl ? now + ttl : null,
        };
    }
}
