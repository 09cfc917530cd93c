-- Credit ledger: accounts, immutable transfers, two-phase holds, tiers and daily usage.
-- Balances live on the wallet row so "no overdraft" is one conditional UPDATE under a row lock;
-- the transfers are the truth and the invariant checker recomputes balances from them.

CREATE TABLE account (
    id          uuid        PRIMARY KEY,
    tenant_id   text        NOT NULL,
    user_id     text,
    kind        text        NOT NULL CHECK (kind IN ('WALLET', 'STARTING_GRANTS', 'ADMIN_GRANTS',
                                                     'PURCHASES', 'REVENUE', 'CLAWBACKS')),
    -- Only wallets keep a running balance. System accounts would be the hottest rows in the
    -- database if every transfer updated them; their balance is derived from the transfers.
    balance     bigint      NOT NULL DEFAULT 0,
    held        bigint      NOT NULL DEFAULT 0 CHECK (held >= 0),
    -- A clawback may take a wallet below zero; such a wallet cannot spend until positive again.
    in_debt     boolean     GENERATED ALWAYS AS (balance < 0) STORED,
    created_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT account_wallet_has_user CHECK ((kind = 'WALLET') = (user_id IS NOT NULL)),
    CONSTRAINT account_one_wallet_per_user UNIQUE (tenant_id, user_id)
);

-- System accounts have fixed ids so every replica agrees on them without a lookup.
INSERT INTO account (id, tenant_id, kind) VALUES
    ('00000000-0000-0000-0000-000000000001', 'system', 'STARTING_GRANTS'),
    ('00000000-0000-0000-0000-000000000002', 'system', 'ADMIN_GRANTS'),
    ('00000000-0000-0000-0000-000000000003', 'system', 'PURCHASES'),
    ('00000000-0000-0000-0000-000000000004', 'system', 'REVENUE'),
    ('00000000-0000-0000-0000-000000000005', 'system', 'CLAWBACKS');

-- One row per transfer = one debit entry and one credit entry (see ledger_entry).
CREATE TABLE transfer (
    seq                bigserial   NOT NULL UNIQUE,
    id                 text        PRIMARY KEY,
    tenant_id          text        NOT NULL,
    user_id            text        NOT NULL,
    debit_account_id   uuid        NOT NULL,
    credit_account_id  uuid        NOT NULL,
    amount             bigint      NOT NULL CHECK (amount > 0),
    kind               text        NOT NULL,
    description        text,
    metadata           jsonb,
    -- Every transfer moves credits into or out of exactly one wallet; kept for history and audits.
    -- Only the wallet side is a foreign key: a foreign key to a system account would make every
    -- transfer share-lock that one row (MultiXact churn on the hottest row); the CHECK below pins
    -- the other side to the fixed system accounts instead.
    wallet_id          uuid        NOT NULL REFERENCES account (id),
    wallet_balance     bigint      NOT NULL,
    hold_id            uuid,
    service            text,
    created_at         timestamptz NOT NULL,
    CONSTRAINT transfer_two_accounts CHECK (debit_account_id <> credit_account_id),
    CONSTRAINT transfer_touches_wallet CHECK (wallet_id IN (debit_account_id, credit_account_id)),
    CONSTRAINT transfer_other_side_is_system CHECK (
        (CASE WHEN debit_account_id = wallet_id THEN credit_account_id ELSE debit_account_id END) IN (
            '00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000002',
            '00000000-0000-0000-0000-000000000003', '00000000-0000-0000-0000-000000000004',
            '00000000-0000-0000-0000-000000000005'))
);
CREATE INDEX transfer_wallet_history ON transfer (wallet_id, seq DESC);

-- Transfers are immutable: corrections are reversing transfers, never edits.
CREATE FUNCTION transfer_is_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'transfers are immutable; post a reversing transfer instead' USING ERRCODE = 'P0001';
END $$;
CREATE TRIGGER transfer_no_update BEFORE UPDATE OR DELETE ON transfer
    FOR EACH ROW EXECUTE FUNCTION transfer_is_immutable();

CREATE VIEW ledger_entry AS
    SELECT id AS transfer_id, seq, credit_account_id AS account_id, amount AS amount FROM transfer
    UNION ALL
    SELECT id AS transfer_id, seq, debit_account_id AS account_id, -amount AS amount FROM transfer;

CREATE TABLE hold (
    id          uuid        PRIMARY KEY,
    request_id  text        NOT NULL UNIQUE,
    tenant_id   text        NOT NULL,
    user_id     text        NOT NULL,
    wallet_id   uuid        NOT NULL REFERENCES account (id),
    amount      bigint      NOT NULL CHECK (amount > 0),
    captured    bigint      NOT NULL DEFAULT 0 CHECK (captured >= 0 AND captured <= amount),
    state       text        NOT NULL CHECK (state IN ('PENDING', 'CAPTURED', 'RELEASED', 'EXPIRED')),
    service     text        NOT NULL,
    reference   text,
    description text,
    expires_at  timestamptz NOT NULL,
    created_at  timestamptz NOT NULL,
    settled_at  timestamptz
);
CREATE INDEX hold_pending_by_expiry ON hold (expires_at) WHERE state = 'PENDING';
CREATE INDEX hold_by_wallet ON hold (wallet_id) WHERE state = 'PENDING';

CREATE TABLE user_tier (
    tenant_id        text        NOT NULL,
    user_id          text        NOT NULL,
    tier             text        NOT NULL,
    subscription_id  text,
    updated_at       timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, user_id)
);

-- Per (user, metered service, UTC day), incremented in the same transaction as the spend.
CREATE TABLE daily_usage (
    tenant_id  text NOT NULL,
    user_id    text NOT NULL,
    service    text NOT NULL,
    day        date NOT NULL,
    used       int  NOT NULL CHECK (used >= 0),
    PRIMARY KEY (tenant_id, user_id, service, day)
);

-- What each payment granted and how much of it refunds have clawed back. A refund that arrives
-- before its payment records its target here and is applied when the grant lands.
CREATE TABLE payment_grant (
    payment_id     text        PRIMARY KEY,
    tenant_id      text        NOT NULL,
    user_id        text        NOT NULL,
    credits        bigint      NOT NULL,
    amount_minor   bigint      NOT NULL,
    granted        boolean     NOT NULL DEFAULT false,
    refund_target  bigint      NOT NULL DEFAULT 0,
    clawed_back    bigint      NOT NULL DEFAULT 0,
    updated_at     timestamptz NOT NULL
);
