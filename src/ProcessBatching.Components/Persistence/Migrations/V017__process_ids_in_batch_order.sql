-- A batch's processes are named in the order of their index from this version on
-- (ProcessIds.InBatchOrder), so a batch's rows enter each index on process_id at its end instead of
-- at random leaves: the POST of a million processes took a quarter less time, and its time grew
-- linearly with the batch (issue 15, round thirteen). The batches created before keep their
-- name-based ids, and their dispatch rows say so: the dispatcher names a batch's processes as its
-- creator did.
ALTER TABLE commandbus.batch_dispatch ADD COLUMN ids_in_batch_order boolean NOT NULL DEFAULT false;

-- A dispatcher of the previous version would name this version's processes by the name-based ids and
-- hand out processes that do not exist, leaving the real ones PENDING for good. Under its new name the
-- cursor is not found by that dispatcher, which logs the failure and retries until it is replaced,
-- while the replicas of this version dispatch every batch. A batch the previous version creates
-- meanwhile is written with name-based ids and this column's default, and dispatched as such.
ALTER TABLE commandbus.batch_dispatch RENAME COLUMN next_index TO dispatched_count;
