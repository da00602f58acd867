-- Operators steer whole batches (issue 12): pause and resume its dispatch, cancel it, rerun its
-- failed processes as a new batch; every such action is written to the batch's audit trail.

-- paused_at: set while the dispatcher must not hand out the batch's PENDING processes.
-- cancel_requested_at: an operator canceled the batch; it ends CANCELED (sp_refresh_batch_stats).
-- parent_batch_id: the batch whose FAILED and CANCELED processes this one reruns.
ALTER TABLE commandbus.batch
    ADD COLUMN paused_at           timestamptz NULL,
    ADD COLUMN cancel_requested_at timestamptz NULL,
    ADD COLUMN parent_batch_id     uuid        NULL;

-- The reruns of a batch.
CREATE INDEX ix_batch_parent ON commandbus.batch (parent_batch_id) WHERE parent_batch_id IS NOT NULL;

-- One row per operator action on a batch: which, by whom (subject and name), when, with what.
CREATE TABLE commandbus.batch_audit (
    id           bigserial   PRIMARY KEY,
    domain       text        NOT NULL,
    batch_id     uuid        NOT NULL,
    action       text        NOT NULL,
    requested_by jsonb       NOT NULL,
    details      jsonb       NULL,
    requested_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX ix_batch_audit_batch ON commandbus.batch_audit (batch_id, requested_at);
