-- Process batches (S089, S090): a batch tracks either commands or processes.

-- S089 AC1, AC2: existing batches keep counting commands.
ALTER TABLE commandbus.batch
    ADD COLUMN batch_type text NOT NULL DEFAULT 'COMMAND';

-- S089 AC3: a process may belong to a batch; processes started alone have none.
ALTER TABLE commandbus.process
    ADD COLUMN batch_id uuid;

-- S089 AC4: the processes of one batch (batch page, start dispatcher).
CREATE INDEX ix_process_batch_id
    ON commandbus.process (batch_id)
    WHERE batch_id IS NOT NULL;

-- S089 AC5: the stats refresh reads one range of this index, grouped by status, index-only.
CREATE INDEX ix_process_batch_status
    ON commandbus.process (batch_id, status)
    WHERE batch_id IS NOT NULL;

-- S090: sp_refresh_batch_stats counts by batch_type. COMMAND batches behave as in V004 (see
-- the status mapping there); PROCESS batches count their process rows:
--   COMPLETED, COMPENSATED      -> completed_count (AC4: compensation ended as planned)
--   FAILED, CANCELED            -> canceled_count  (AC5: the batch's failure column)
--   PENDING, IN_PROGRESS, WAITING_FOR_REPLY, WAITING_FOR_TSQ, COMPENSATING
--                               -> still running (AC6), keep the batch open; WAITING_FOR_TSQ
--                                  is also counted in in_troubleshooting_count, so the UI can
--                                  show why the batch is blocked.
-- Any status not listed counts as running: an unknown state must never finish a batch.
-- Start, finish, finality, completed_now and row locking are as in V004.
CREATE OR REPLACE FUNCTION commandbus.sp_refresh_batch_stats(p_domain text, p_batch_id uuid)
RETURNS TABLE (
    status                   text,
    total_count              int,
    completed_count          int,
    canceled_count           int,
    in_troubleshooting_count int,
    in_progress_count        int,
    started_at               timestamptz,
    completed_at             timestamptz,
    completed_now            boolean)
LANGUAGE plpgsql
AS $$
#variable_conflict use_column
DECLARE
    v_batch     commandbus.batch%ROWTYPE;
    v_rows      int;
    v_pending   int;
    v_completed int;
    v_canceled  int;
    v_tsq       int;
    v_finished  boolean;
    v_status    text;
BEGIN
    SELECT * INTO v_batch
      FROM commandbus.batch b
     WHERE b.domain = p_domain AND b.batch_id = p_batch_id
       FOR UPDATE;
    IF NOT FOUND THEN
        RETURN;
    END IF;

    IF v_batch.status IN ('COMPLETED', 'COMPLETED_WITH_FAILURES') THEN
        RETURN QUERY SELECT v_batch.status, v_batch.total_count, v_batch.completed_count,
            v_batch.canceled_count, v_batch.in_troubleshooting_count, 0,
            v_batch.started_at, v_batch.completed_at, false;
        RETURN;
    END IF;

    -- One range of the (batch_id, status) index, one group per status: a million-process
    -- batch is counted in one index-only pass. batch_id is a uuid, unique across domains, so
    -- the domain is not filtered here (it is not in the index).
    IF v_batch.batch_type = 'PROCESS' THEN
        SELECT coalesce(sum(g.n), 0),
               coalesce(sum(g.n) FILTER (WHERE g.s = 'PENDING'), 0),
               coalesce(sum(g.n) FILTER (WHERE g.s IN ('COMPLETED', 'COMPENSATED')), 0),
               coalesce(sum(g.n) FILTER (WHERE g.s IN ('FAILED', 'CANCELED')), 0),
               coalesce(sum(g.n) FILTER (WHERE g.s = 'WAITING_FOR_TSQ'), 0)
          INTO v_rows, v_pending, v_completed, v_canceled, v_tsq
          FROM (SELECT p.status AS s, count(*) AS n
                  FROM commandbus.process p
                 WHERE p.batch_id = p_batch_id
                 GROUP BY p.status) g;
    ELSE
        SELECT coalesce(sum(g.n), 0),
               coalesce(sum(g.n) FILTER (WHERE g.s = 'PENDING'), 0),
               coalesce(sum(g.n) FILTER (WHERE g.s = 'COMPLETED'), 0),
               coalesce(sum(g.n) FILTER (WHERE g.s IN ('CANCELED', 'FAILED')), 0),
               coalesce(sum(g.n) FILTER (WHERE g.s = 'IN_TROUBLESHOOTING_QUEUE'), 0)
          INTO v_rows, v_pending, v_completed, v_canceled, v_tsq
          FROM (SELECT c.status AS s, count(*) AS n
                  FROM commandbus.command c
                 WHERE c.batch_id = p_batch_id
                 GROUP BY c.status) g;
    END IF;

    -- Rows not inserted yet count as unfinished: comparing with total_count, not with the
    -- rows present, keeps a half-written batch open.
    v_finished := v_batch.total_count > 0
              AND v_completed + v_canceled >= v_batch.total_count
              AND v_completed + v_canceled = v_rows;
    v_status := CASE
        WHEN v_finished AND v_canceled = 0 THEN 'COMPLETED'
        WHEN v_finished THEN 'COMPLETED_WITH_FAILURES'
        WHEN v_rows > v_pending THEN 'IN_PROGRESS'
        ELSE v_batch.status
    END;

    -- Write only when something changed: refreshes of a quiet batch leave no dead rows.
    IF (v_status, v_completed, v_canceled, v_tsq)
       IS DISTINCT FROM (v_batch.status, v_batch.completed_count, v_batch.canceled_count, v_batch.in_troubleshooting_count)
       OR (v_batch.started_at IS NULL AND v_status <> 'PENDING') THEN
        UPDATE commandbus.batch b
           SET status = v_status,
               completed_count = v_completed,
               canceled_count = v_canceled,
               in_troubleshooting_count = v_tsq,
               started_at = coalesce(b.started_at, CASE WHEN v_status <> 'PENDING' THEN now() END),
               completed_at = CASE WHEN v_finished THEN now() ELSE b.completed_at END
         WHERE b.domain = p_domain AND b.batch_id = p_batch_id
        RETURNING * INTO v_batch;
    END IF;

    RETURN QUERY SELECT v_batch.status, v_batch.total_count, v_batch.completed_count,
        v_batch.canceled_count, v_batch.in_troubleshooting_count,
        greatest(v_batch.total_count, v_rows) - v_completed - v_canceled,
        v_batch.started_at, v_batch.completed_at, v_finished;
END;
$$;
