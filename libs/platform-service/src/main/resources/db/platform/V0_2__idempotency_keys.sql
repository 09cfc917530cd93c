-- Idempotency-Key records (io.plinth.platform.idempotency), Stripe semantics:
-- per caller + key, the first response is stored and replayed byte for byte for 24 h.
CREATE TABLE idempotency_keys (
    caller                 TEXT        NOT NULL,
    idempotency_key        TEXT        NOT NULL CHECK (char_length(idempotency_key) BETWEEN 1 AND 255),
    -- SHA-256 of method, path and body: the same key with another request is refused (409 reused).
    request_hash           BYTEA       NOT NULL,
    state                  TEXT        NOT NULL CHECK (state IN ('in_progress', 'completed')),
    -- Identifies the execution that holds the claim, so a late finisher never overwrites a newer claim.
    claim_id               UUID        NOT NULL,
    -- An in-progress claim whose process died is taken over after this instant.
    locked_until           TIMESTAMPTZ NOT NULL,
    response_status        INTEGER,
    response_content_type  TEXT,
    response_location      TEXT,
    response_body          BYTEA,
    created_at             TIMESTAMPTZ NOT NULL DEFAULT now(),
    completed_at           TIMESTAMPTZ,
    expires_at             TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (caller, idempotency_key),
    CHECK (state = 'in_progress' OR response_status IS NOT NULL)
);

-- The sweeper deletes by expiry.
CREATE INDEX idempotency_keys_expires_at_idx ON idempotency_keys (expires_at);
