using MassTransit;
using MassTransit.Metadata;
using MassTransit.Middleware;
using MassTransit.Serialization;

namespace ProcessBatching.Persistence.Outbox;

/// <summary>A stored send as MassTransit's <see cref="OutboxMessageSendPipe"/> replays it to the transport.</summary>
public sealed class DeliverableMessage(OutboxMessage row) : OutboxMessageContext
{
    private static readonly IReadOnlyDictionary<string, object> NoProperties = new Dictionary<string, object>();

    public long SequenceNumber => row.SequenceNumber;
    public Guid MessageId => row.MessageId;
    public string ContentType => row.ContentType;
    public string MessageType => row.MessageType;
    public string Body => row.Body;

    public IReadOnlyDictionary<string, object> Properties { get; } =
        SystemTextJsonMessageSerializer.Instance.DeserializeDictionary<object>(row.Properties) ?? NoProperties;

    public Headers Headers { get; } = SystemTextJsonMessageSerializer.Instance.DeserializeDictionary<object?>(row.Headers) is { } headers
        ? new DictionarySendHeaders(headers)
        : EmptyHeaders.Instance;

    public Uri DestinationAddress => new(row.DestinationAddress);
    public Guid? RequestId => row.RequestId;
    public Guid? CorrelationId => row.CorrelationId;
    public Guid? ConversationId => row.ConversationId;
    public Guid? InitiatorId => row.InitiatorId;
    public DateTime? ExpirationTime => row.ExpirationTime;
    public Uri? SourceAddress => Address(row.SourceAddress);
    public Uri? ResponseAddress => Address(row.ResponseAddress);
    public Uri? FaultAddress => Address(row.FaultAddress);
    public DateTime? SentTime => row.SentTime;
    public HostInfo Host => HostMetadataCache.Host;

    Guid? MessageContext.MessageId => row.MessageId;
    Uri? MessageContext.DestinationAddress => DestinationAddress;

    private static Uri? Address(string? address) => address is null ? null : new Uri(address);
}
