-- Plain spends posted in batches (SpendBatcher): whatever spends are waiting when a batch starts
-- go to PostgreSQL as one call, one transaction and one commit. Each spend inside is exactly the
-- single-statement spend (guarded wallet UPDATE, transfer row, outbox rows), so the rules do not
-- change; what changes is that a hot wallet's row lock is taken once per batch instead of once per
-- spend, and the commit (WAL flush) is paid once per batch.
--
-- Spends are applied in (tenant, user, arrival) order: every batch locks wallets in the same order,
-- so two batches (or two replicas) never deadlock, and one user's spends keep their arrival order.
--
-- Outcome per spend: POSTED (with the transfer's seq, the wallet and its balance after), EXISTS (a
-- transfer with this id is already there: the caller compares it and answers a replay or 409), or
-- REFUSED (no wallet, in debt, or balance - held < amount: the caller works out which).
CREATE FUNCTION spend_batch(spends jsonb, revenue_account uuid)
    RETURNS TABLE (item int, outcome text, transfer_seq bigint, wallet uuid, balance_after bigint)
    LANGUAGE plpgsql AS $$
DECLARE
    s record;
BEGIN
    FOR s IN
        SELECT * FROM jsonb_to_recordset(spends) AS x(
            idx int, id text, tenant_id text, user_id text, amount bigint, description text, metadata jsonb,
            service text, created_at timestamptz, topic text, key text, event_id uuid, event jsonb,
            low_event_id uuid, low_event jsonb, low_threshold bigint)
        ORDER BY x.tenant_id, x.user_id, x.idx
    LOOP
        item := s.idx;
        transfer_seq := NULL;
        wallet := NULL;
        balance_after := NULL;
        IF EXISTS (SELECT 1 FROM transfer t WHERE t.id = s.id) THEN
            outcome := 'EXISTS';
            RETURN NEXT;
            CONTINUE;
        END IF;
        UPDATE account a SET balance = a.balance - s.amount
         WHERE a.tenant_id = s.tenant_id AND a.user_id = s.user_id AND a.kind = 'WALLET'
           AND a.balance - a.held >= s.amount
        RETURNING a.id, a.balance INTO wallet, balance_after;
        IF NOT FOUND THEN
            outcome := 'REFUSED';
            RETURN NEXT;
            CONTINUE;
        END IF;
        INSERT INTO transfer (id, tenant_id, user_id, debit_account_id, credit_account_id, amount, kind,
                              description, metadata, wallet_id, wallet_balance, hold_id, service, created_at)
        VALUES (s.id, s.tenant_id, s.user_id, wallet, revenue_account, s.amount, 'CONSUME',
                s.description, s.metadata, wallet, balance_after, NULL, s.service, s.created_at)
        RETURNING seq INTO transfer_seq;
        INSERT INTO outbox (event_id, topic, key, event)
        VALUES (s.event_id, s.topic, s.key, jsonb_set(s.event, '{data,balance}', to_jsonb(balance_after)));
        IF s.low_event IS NOT NULL AND balance_after < s.low_threshold
           AND balance_after + s.amount >= s.low_threshold THEN
            INSERT INTO outbox (event_id, topic, key, event)
            VALUES (s.low_event_id, s.topic, s.key,
                    jsonb_set(s.low_event, '{data,balance}', to_jsonb(balance_after)));
        END IF;
        outcome := 'POSTED';
        RETURN NEXT;
    END LOOP;
END $$;
