-- A hold records who placed it (issue #10, item 12): only that caller, or an admin of the tenant,
-- may capture or release it. Holds placed before this column existed were placed by their owner.
ALTER TABLE hold ADD COLUMN placed_by text;
UPDATE hold SET placed_by = 'user:' || user_id WHERE placed_by IS NULL;
ALTER TABLE hold ALTER COLUMN placed_by SET NOT NULL;

COMMENT ON FUNCTION spend_batch(jsonb, uuid) IS
    'The batched twin of LedgerStore.applyAndRecord (credit-service) for plain spends: per spend the same '
    'guarded wallet UPDATE and the same transfer row, plus the outbox rows. SpendBatchIT checks that both '
    'write identical rows; change them together.';
