-- ix_process_batch_process (batch_id, process_id), from V007, answers every lookup that
-- ix_process_batch_id (batch_id), from V005, answered: every query of a batch's processes filters
-- on batch_id and then on status (ix_process_batch_status) or orders by process_id. Each process
-- row inserted, and each update of one that is not HOT, wrote an entry into both (issue 15, round eight).
DROP INDEX IF EXISTS commandbus.ix_process_batch_id;
