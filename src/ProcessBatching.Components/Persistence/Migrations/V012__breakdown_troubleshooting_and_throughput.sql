-- Where a batch hurts, the troubleshooting queue across batches, and a batch's pace (issue 12).
-- docs/performance.md ("Breakdown, troubleshooting queue and throughput") has the plans measured on a
-- 1,000,000-process batch.

-- The step of a process where its batch hurts: waiting for an operator, compensating, compensated,
-- failed or canceled; NULL for every other status. The two indexes below need a process's step, and
-- indexing current_step itself would make each move to the next step (an update that changes
-- nothing else indexed) a non-HOT update: measured on a 1,000-process batch, HOT updates of
-- commandbus.process fell from 22 % to 0 % with current_step in an index, and stayed at 20 % with
-- this column instead, which does not change while a process runs. The status list must match
-- ProcessBreakdowns.CountedFromIndex. Adding a stored column rewrites the table once (82 s for
-- 2,000,000 processes on a loaded two-core machine, under an exclusive lock): give the startup probe room.
ALTER TABLE commandbus.process
    ADD COLUMN trouble_step text
    GENERATED ALWAYS AS (
        CASE WHEN status IN ('WAITING_FOR_TSQ', 'COMPENSATING', 'COMPENSATED', 'FAILED', 'CANCELED') THEN current_step END
    ) STORED;

-- The breakdown of a batch (GET /api/process-batches/{id}/breakdown, the batch page) counts the
-- processes in these statuses by status, step and error code from this index alone; the running ones
-- (at most the in-flight limit) come from ix_process_batch_status, and PENDING and COMPLETED, which a
-- million-process batch has hundreds of thousands of, from the batch's own counts. Only rows in these
-- statuses have entries, and equal keys are deduplicated, so it stays small. The query repeats the
-- status list literally, so the planner can prove the predicate.
CREATE INDEX ix_process_batch_trouble
    ON commandbus.process (batch_id, status, trouble_step, error_code)
    WHERE batch_id IS NOT NULL AND status IN ('WAITING_FOR_TSQ', 'COMPENSATING', 'COMPENSATED', 'FAILED', 'CANCELED');

-- The troubleshooting page and GET /api/processes?status=WAITING_FOR_TSQ: the waiting processes of
-- every batch in this order (batch, step, error code, process), filtered by any of them, a page and
-- its count read from this index.
CREATE INDEX ix_process_troubleshooting
    ON commandbus.process (batch_id, trouble_step, error_code, process_id)
    WHERE status = 'WAITING_FOR_TSQ';

-- A process batch's pace: how many of its processes had finished (completed + failed, as the batch
-- row counts them) when the batch owner recounted it. BatchOwner writes a sample in the recount's own
-- transaction, only when the count grew, at most one row per batch and 5-second interval (a later
-- recount in the interval overwrites it), so the batch page's throughput and chart survive a reload
-- and cost a read of a few hundred rows instead of a count over the process rows.
CREATE TABLE commandbus.batch_throughput (
    batch_id     uuid        NOT NULL,
    interval_at  timestamptz NOT NULL,
    sampled_at   timestamptz NOT NULL,
    finished     int         NOT NULL,
    PRIMARY KEY (batch_id, interval_at)
);
