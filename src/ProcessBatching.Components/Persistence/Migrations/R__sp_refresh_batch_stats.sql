-- Repeatable (Evolve runs it again whenever this file changes): the one copy of
-- sp_refresh_batch_stats to edit from now on. V004 created it and V005 replaced it; their copies stay
-- only so their checksums hold. Only BatchOwner (Components/Batches) calls it.
--
-- S090: sp_refresh_batch_stats counts by batch_type. COMMAND batches behave as in V004 (see
-- the status mapping there); PROCESS batches count their process rows:
--   COMPLETED, COMPENSATED      -> completed_count (AC4: compensation ended as planned)
--   FAILED, CANCELED            -> canceled_count  (AC5: the batch's failure column)
--   PENDING, IN_PROGRESS, WAITING_FOR_REPLY, WAITING_FOR_TSQ, COMPENSATING
--                               -> still running (AC6), keep the batch open; WAITING_FOR_TSQ
--                                  is also counted in in_troubleshooting_count, so the UI can
--                                  show why the batch is blocked.
-- Any status not listed counts as running: an unknown state must never finish a batch.
-- Rules:
--   * a batch starts (IN_PROGRESS, started_at set once) when any row is past PENDING;
--   * it finishes when total_count > 0 and total_count rows are counted and all are terminal:
--     CANCELED if an operator canceled it (cancel_requested_at, V010), else COMPLETED if all
--     succeeded, else COMPLETED_WITH_FAILURES; completed_at is set. A cancel and the recount that
--     finishes a batch both hold the batch row's lock, so whichever comes first decides;
--   * counts add up whatever the final status: total = completed_count + canceled_count;
--   * a finished batch is final: its status and counters are returned as stored;
--   * an unknown batch returns no row;
--   * completed_now is true only for the one call that finished the batch, so the caller can
--     announce completion exactly once.
-- The batch row is locked first (FOR UPDATE): concurrent refreshes of one batch run one after
-- another, and the second sees the first one's result.
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
    v_cancel    boolean;
BEGIN
    SELECT * INTO v_batch
      FROM commandbus.batch b
     WHERE b.domain = p_domain AND b.batch_id = p_batch_id
       FOR UPDATE;
    IF NOT FOUND THEN
        RETURN;
    END IF;

    IF v_batch.status IN ('COMPLETED', 'COMPLETED_WITH_FAILURES', 'CANCELED') THEN
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
    -- Read through to_jsonb, not as v_batch.cancel_requested_at: this script is also applied to a
    -- schema older than V010 (an upgrade run to an earlier target), where the column is missing.
    v_cancel := (to_jsonb(v_batch) ->> 'cancel_requested_at') IS NOT NULL;
    v_status := CASE
        WHEN v_finished AND v_cancel THEN 'CANCELED'
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
