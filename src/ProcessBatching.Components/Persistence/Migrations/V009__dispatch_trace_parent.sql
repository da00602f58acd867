-- The W3C traceparent of the request that created a batch, so that the dispatcher, which hands the
-- batch's processes to their sagas later and on any replica, continues that request's trace.
ALTER TABLE commandbus.batch_dispatch ADD COLUMN trace_parent text NULL;
