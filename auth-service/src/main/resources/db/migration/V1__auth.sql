-- Tenants: every user belongs to exactly one; 'default' exists from the start.
create table tenants (
    id         text primary key,
    name       text        not null,
    created_at timestamptz not null default now()
);
insert into tenants (id, name) values ('default', 'Default');

-- Users. Email is unique platform-wide, compared case-insensitively through email_normalized.
create table users (
    id               uuid primary key,
    tenant_id        text        not null references tenants (id),
    email            text        not null,
    email_normalized text        not null unique,
    phone            text,
    password_hash    text        not null,
    roles            text[]      not null,
    tier             text        not null default 'free',
    email_verified   boolean     not null default false,
    created_at       timestamptz not null,
    updated_at       timestamptz not null
);
create index users_tenant on users (tenant_id);

-- Refresh tokens: only the SHA-256 of the opaque token is kept. A family is one login's chain of
-- rotations; presenting a spent member revokes the whole family.
create table refresh_tokens (
    id         uuid primary key,
    token_hash text        not null unique,
    family_id  uuid        not null,
    user_id    uuid        not null references users (id),
    tenant_id  text        not null,
    created_at timestamptz not null,
    expires_at timestamptz not null,
    spent_at   timestamptz,
    revoked_at timestamptz
);
create index refresh_tokens_family on refresh_tokens (family_id);
create index refresh_tokens_user on refresh_tokens (user_id);

-- Email-verification and password-reset tokens: hashed, single use, expiring.
create table one_time_tokens (
    token_hash text primary key,
    user_id    uuid        not null references users (id),
    purpose    text        not null check (purpose in ('email_verification', 'password_reset')),
    created_at timestamptz not null,
    expires_at timestamptz not null,
    used_at    timestamptz
);
create index one_time_tokens_user on one_time_tokens (user_id, purpose);

-- Failed-login throttle, one row per account (normalized email) or client address, shared by replicas.
create table login_throttle (
    throttle_key    text primary key,
    failures        integer     not null,
    last_failure_at timestamptz not null,
    locked_until    timestamptz
);

-- Signing keys. The private JWK is AES-256-GCM encrypted with the configured key; a key signs until
-- it is superseded and is published in the JWKS until every token it signed has expired.
create table signing_keys (
    kid             text primary key,
    private_jwk_enc bytea       not null,
    public_jwk      text        not null,
    created_at      timestamptz not null,
    superseded_at   timestamptz,
    retire_at       timestamptz
);

-- Registered apps (cross-app). The API key is shown once; only its SHA-256 is kept.
create table apps (
    id           uuid primary key,
    tenant_id    text        not null references tenants (id),
    name         text        not null,
    domain       text        not null,
    permissions  text[]      not null,
    api_key_hash text        not null unique,
    created_at   timestamptz not null,
    key_rotated_at timestamptz,
    revoked_at   timestamptz
);
create index apps_tenant on apps (tenant_id);
