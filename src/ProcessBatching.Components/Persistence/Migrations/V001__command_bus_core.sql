-- Command bus core: batches of commands, one row per command, and the command audit trail.
-- Column names and types are shared with the saga persistence and the API; change them only
-- with a new migration.
CREATE SCHEMA IF NOT EXISTS commandbus;

CREATE TABLE commandbus.batch (
    domain                   text        NOT NULL,
    batch_id                 uuid        NOT NULL,
    name                     text        NULL,
    custom_data              jsonb       NULL,
    status                   text        NOT NULL DEFAULT 'PENDING',
    total_count              int         NOT NULL DEFAULT 0,
    completed_count          int         NOT NULL DEFAULT 0,
    canceled_count           int         NOT NULL DEFAULT 0,
    in_troubleshooting_count int         NOT NULL DEFAULT 0,
    created_at               timestamptz NOT NULL DEFAULT now(),
    started_at               timestamptz NULL,
    completed_at             timestamptz NULL,
    PRIMARY KEY (domain, batch_id)
);

-- The reconciler walks the open batches only; finished batches are the vast majority.
CREATE INDEX ix_batch_open
    ON commandbus.batch (created_at)
    WHERE status IN ('PENDING', 'IN_PROGRESS');

CREATE TABLE commandbus.command (
    domain          text        NOT NULL,
    command_id      uuid        PRIMARY KEY,
    command_type    text        NOT NULL,
    status          text        NOT NULL DEFAULT 'PENDING',
    attempts        int         NOT NULL DEFAULT 0,
    correlation_id  uuid        NULL,
    batch_id        uuid        NULL,
    last_error_code text        NULL,
    last_error_msg  text        NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);

-- A process page lists its step commands (correlation_id = process id); most commands
-- outside processes have none.
CREATE INDEX ix_command_correlation_id
    ON commandbus.command (correlation_id)
    WHERE correlation_id IS NOT NULL;

CREATE TABLE commandbus.audit (
    audit_id     bigserial   PRIMARY KEY,
    domain       text        NOT NULL,
    command_id   uuid        NOT NULL,
    event_type   text        NOT NULL,
    ts           timestamptz NOT NULL DEFAULT now(),
    details_json jsonb       NULL
);

CREATE INDEX ix_audit_command_id ON commandbus.audit (command_id, ts);
