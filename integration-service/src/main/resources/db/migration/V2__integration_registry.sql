-- The tenant integration registry (io.plinth.integration.registry). One row per tenant and integration;
-- credentials only as AES-256-GCM ciphertext (tenant and integration bound in as associated data), with the
-- nonce and the id of the key that sealed them, so keys can rotate.
create table integrations (
    tenant_id              text        not null,
    integration_key        text        not null,               -- docusign, zoom, sendgrid, notion
    enabled                boolean     not null default false,
    credentials_key_id     text        not null,
    credentials_nonce      bytea       not null,               -- 12 random bytes, new on every write
    credentials_ciphertext bytea       not null,               -- JSON of the credential fields, plus the 16-byte tag
    settings               jsonb       not null default '{}',
    last_test_ok           boolean,
    last_test_latency_ms   integer,
    last_test_message      text,
    last_tested_at         timestamptz,
    created_at             timestamptz not null,
    updated_at             timestamptz not null,
    primary key (tenant_id, integration_key)
);

-- The re-encryption job looks for rows sealed with a key other than the active one.
create index integrations_credentials_key on integrations (credentials_key_id);

-- Every change: who, when, what (field names for credentials, never their values).
create table integration_audit (
    id              bigserial   primary key,
    tenant_id       text        not null,
    integration_key text        not null,
    actor           text        not null,                   -- the admin's user id, or "system:re-encryption"
    action          text        not null,                   -- created | updated | re-encrypted
    changes         jsonb       not null,
    at              timestamptz not null default now()
);

create index integration_audit_tenant on integration_audit (tenant_id, integration_key, at desc);
