-- An outbox's messages still go when the outbox goes, but once per DELETE statement instead of
-- through the foreign key's row triggers (issue 15, round eleven). The key cost PostgreSQL about
-- 5 % of its CPU in a P1: a key-share lock on the outbox_state row, through SPI, for every message
-- inserted, and one cascading DELETE, through SPI, for every outbox deleted. The rows are only
-- ever written together (OutboxRows, one round trip) and deleted by the delivery service
-- (OutboxBatch), so the insert check guarded nothing the code does not.
--
-- A trigger rather than a DELETE of the messages in OutboxBatch, so that a replica still running
-- the code before this version, and an operator who deletes an outbox by hand, leave no messages
-- behind, as before.
ALTER TABLE commandbus.outbox_message DROP CONSTRAINT outbox_message_outbox_id_fkey;

CREATE FUNCTION commandbus.delete_messages_of_deleted_outboxes() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    -- Planned at every call, knowing how many outboxes went and how large the table is now: a plan
    -- kept from a quiet moment scanned the whole table (a queue, whose pages churn) for each delivery.
    EXECUTE 'DELETE FROM commandbus.outbox_message m USING deleted_outbox d WHERE m.outbox_id = d.outbox_id';
    RETURN NULL;
END;
$$;

CREATE TRIGGER outbox_state_deleted
    AFTER DELETE ON commandbus.outbox_state
    REFERENCING OLD TABLE AS deleted_outbox
    FOR EACH STATEMENT EXECUTE FUNCTION commandbus.delete_messages_of_deleted_outboxes();
