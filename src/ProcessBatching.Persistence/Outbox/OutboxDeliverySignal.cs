namespace ProcessBatching.Persistence.Outbox;

/// <summary>Wakes the local delivery service as soon as an outbox commits, so delivery does not wait for the next poll.</summary>
public sealed class OutboxDeliverySignal : WakeUpSignal;
