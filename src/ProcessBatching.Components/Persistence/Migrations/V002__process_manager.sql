-- Process manager: the saga table of multi-step processes and one audit row per step command.
-- process.status holds UPPER_SNAKE statuses (PENDING, IN_PROGRESS, WAITING_FOR_REPLY,
-- WAITING_FOR_TSQ, COMPENSATING, COMPLETED, COMPENSATED, FAILED, CANCELED).
CREATE TABLE commandbus.process (
    domain        text        NOT NULL,
    process_id    uuid        PRIMARY KEY,
    process_type  text        NOT NULL,
    status        text        NOT NULL,
    current_step  text        NULL,
    state         jsonb       NOT NULL,
    error_code    text        NULL,
    error_message text        NULL,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    completed_at  timestamptz NULL
);

-- Operators look for processes by status (waiting in the troubleshooting queue, failed).
CREATE INDEX ix_process_status ON commandbus.process (status);

CREATE TABLE commandbus.process_audit (
    id            bigserial   PRIMARY KEY,
    domain        text        NOT NULL,
    process_id    uuid        NOT NULL,
    step_name     text        NOT NULL,
    command_id    uuid        NOT NULL UNIQUE,
    command_type  text        NOT NULL,
    command_data  jsonb       NULL,
    sent_at       timestamptz NOT NULL,
    reply_outcome text        NULL,
    reply_data    jsonb       NULL,
    received_at   timestamptz NULL
);

-- The audit trail of one process, in the order its steps were sent.
CREATE INDEX ix_process_audit_process_id_sent_at ON commandbus.process_audit (process_id, sent_at);
