-- Transactional outbox and inbox for MassTransit consumers and sagas (docs/persistence.md).

-- One row per message a consumer endpoint consumed, written in the consumer's own transaction:
-- a second copy of the message finds it and is dropped. Removed after the duplicate window.
CREATE TABLE commandbus.inbox_state (
    message_id  uuid        NOT NULL,
    consumer_id uuid        NOT NULL,
    consumed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (message_id, consumer_id)
);
CREATE INDEX inbox_state_consumed_at ON commandbus.inbox_state (consumed_at);

-- One row per unit of sends to deliver in order: the sends of one consumed message, or of one
-- scope's bus outbox. Leased by a delivery service (locked_until), deleted once delivered.
CREATE TABLE commandbus.outbox_state (
    outbox_id    uuid        PRIMARY KEY,
    created_at   timestamptz NOT NULL,
    locked_until timestamptz NULL
);
CREATE INDEX outbox_state_created_at ON commandbus.outbox_state (created_at);

CREATE TABLE commandbus.outbox_message (
    outbox_id           uuid        NOT NULL REFERENCES commandbus.outbox_state (outbox_id) ON DELETE CASCADE,
    sequence_number     int         NOT NULL,
    message_id          uuid        NOT NULL,
    destination_address text        NOT NULL,
    content_type        text        NOT NULL,
    message_type        text        NOT NULL,
    body                text        NOT NULL,
    headers             jsonb       NULL,
    properties          jsonb       NULL,
    conversation_id     uuid        NULL,
    correlation_id      uuid        NULL,
    initiator_id        uuid        NULL,
    request_id          uuid        NULL,
    source_address      text        NULL,
    response_address    text        NULL,
    fault_address       text        NULL,
    sent_time           timestamptz NOT NULL,
    expiration_time     timestamptz NULL,
    PRIMARY KEY (outbox_id, sequence_number)
);
