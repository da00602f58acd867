-- A process waiting for a command's reply carries the reply's deadline on its row (issue 15, round
-- eight). Before, each command's deadline was a delayed outbox message of its own: two rows written
-- with the command and deleted with its reply, 12 of the 56 rows written per three-step process.
-- No index: the deadline changes with every step, and indexing it would make each of those updates
-- non-HOT (see V012). The deadline sweep reads the processes waiting for a reply through
-- ix_process_status: at most ProcessBatches__MaxInFlightPerBatch of them per running batch.
-- Deadlines written before this migration are still outbox messages, delivered as before.
ALTER TABLE commandbus.process ADD COLUMN step_due_at timestamptz;
