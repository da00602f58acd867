-- Which processes of a batch have been handed to their sagas. The creating transaction inserts
-- the row; dispatchers take turns on it under a lease and move next_index on after the
-- StartProcess messages of a chunk were confirmed by the broker, so a crash at any point
-- re-sends at most one chunk (the saga ignores a StartProcess for a process already started).
CREATE TABLE commandbus.batch_dispatch (
    batch_id     uuid        PRIMARY KEY,
    domain       text        NOT NULL,
    total_count  int         NOT NULL,
    next_index   int         NOT NULL DEFAULT 0,
    lease_owner  uuid        NULL,
    lease_until  timestamptz NULL,
    created_at   timestamptz NOT NULL DEFAULT now()
);

-- Pages of a batch's processes in a stable order without sorting the whole batch.
CREATE INDEX ix_process_batch_process ON commandbus.process (batch_id, process_id) WHERE batch_id IS NOT NULL;

-- Set in the transaction that published ProcessBatchCompleted, so it is published once.
ALTER TABLE commandbus.batch ADD COLUMN completion_published_at timestamptz NULL;

CREATE INDEX ix_batch_completion_unpublished ON commandbus.batch (completed_at)
    WHERE completed_at IS NOT NULL AND completion_published_at IS NULL;
