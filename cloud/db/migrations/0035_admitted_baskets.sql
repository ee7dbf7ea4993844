-- Issue 20, third wave. The waiting room's drain rule measures the seats per admitted buyer (holds marked
-- queue_admitted by migration 0034) instead of assuming two: the state's advance, at most once a second per queued
-- event, sums the admitted holds that still take seats. This partial index holds only those holds, with what the sum
-- reads, so the advance reads the event's admitted holds and nothing else of a table that keeps every hold ever made.
CREATE INDEX holds_queue_admitted ON holds (event_id) INCLUDE (state, seat_nos, ga_quantity) WHERE queue_admitted;
