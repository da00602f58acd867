-- Batch stats are counted on demand from the command rows (see V004). This index lets that
-- count read one index range per batch, grouped by status, without touching the table.
CREATE INDEX ix_command_batch_status
    ON commandbus.command (batch_id, status)
    WHERE batch_id IS NOT NULL;
