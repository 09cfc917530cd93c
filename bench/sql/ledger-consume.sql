-- One spend as one statement (what credit-service ran per spend before group commit, the same
-- rows spend_batch writes per spend), run by pgbench straight against the service's schema: the
-- ledger's write pattern, one commit per spend, without the JVM in the way.
-- :wallets = 1 → every client hits wallet 'pgb-0' (hot); 10000 → random wallet (spread).
\set w random(0, :wallets - 1)
WITH w AS (
    UPDATE account SET balance = balance - 1
    WHERE tenant_id = 'default' AND user_id = 'pgb-' || :w AND kind = 'WALLET' AND balance - held >= 1
    RETURNING id, balance),
t AS (
    INSERT INTO transfer (id, tenant_id, user_id, debit_account_id, credit_account_id, amount, kind,
        description, metadata, wallet_id, wallet_balance, hold_id, service, created_at)
    SELECT gen_random_uuid()::text, 'default', 'pgb-' || :w, w.id, '00000000-0000-0000-0000-000000000004', 1,
        'CONSUME', NULL, '{}'::jsonb, w.id, w.balance, NULL, 'bench', now() FROM w
    RETURNING id, wallet_balance),
o AS (
    INSERT INTO outbox (event_id, topic, key, event)
    SELECT gen_random_uuid(), 'plinth.credits.v1', 'pgb-' || :w,
        jsonb_build_object('type', 'credits.consumed', 'data',
            jsonb_build_object('transferId', t.id, 'credits', 1, 'balance', t.wallet_balance)) FROM t)
SELECT 1;
