-- Delayed sends (durable redelivery, step timeouts) ride the outbox: an outbox is delivered
-- no earlier than its due time. Immediate sends are due when they are written.
ALTER TABLE commandbus.outbox_state ADD COLUMN due_at timestamptz NULL;
UPDATE commandbus.outbox_state SET due_at = created_at;
ALTER TABLE commandbus.outbox_state ALTER COLUMN due_at SET NOT NULL;

-- Delivery takes due outboxes oldest first; outboxes due later are never read before their time.
DROP INDEX commandbus.outbox_state_created_at;
CREATE INDEX outbox_state_due_at ON commandbus.outbox_state (due_at);
