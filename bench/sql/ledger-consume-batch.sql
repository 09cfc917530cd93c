-- credit-service's batched spend (the spend_batch function, V2 migration) as the SpendBatcher calls
-- it: :batch spends in one call, one transaction, one commit. pgbench's tps × :batch = spends/s.
-- :wallets = 1 → every spend hits wallet 'pgb-0' (hot); 10000 → a random wallet per spend (spread).
SELECT count(*) FROM spend_batch(
    (SELECT jsonb_agg(jsonb_build_object(
                'idx', g - 1,
                'id', gen_random_uuid()::text,
                'tenant_id', 'default',
                'user_id', 'pgb-' || floor(random() * :wallets)::int,
                'amount', 1,
                'metadata', '{}'::jsonb,
                'service', 'bench',
                'created_at', now(),
                'topic', 'plinth.credits.v1',
                'key', 'pgb',
                'event_id', gen_random_uuid(),
                'event', jsonb_build_object('type', 'credits.consumed', 'data', jsonb_build_object('credits', 1))))
       FROM generate_series(1, :batch) g),
    '00000000-0000-0000-0000-000000000004');
