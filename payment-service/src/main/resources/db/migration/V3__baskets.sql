-- A Pipit basket buys several catalog prices in one payment: its lines, and everything the payment unlocks.
-- Null on rows from before: `entitlement` (at most one) and the row's own price_id / quantity say it all.
alter table payments add column entitlements text[];
alter table payments add column items text;
comment on column payments.items is 'JSON array of {priceId, quantity}; null unless the payment is a basket';
