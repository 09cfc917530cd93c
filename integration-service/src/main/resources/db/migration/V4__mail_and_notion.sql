-- SendGrid mail (io.plinth.integration.mail) and the Notion content hub (io.plinth.integration.notion).

-- Who to write to: a projection of users from user.* events (no call to auth-service), so an event that names only
-- a user id (payment receipt, export ready) finds the address.
create table mail_recipients (
    user_id    text        primary key,
    tenant_id  text,
    email      text        not null,
    updated_at timestamptz not null default now()
);

-- The delivery log and the durable queue in one: a row per mail, written in the transaction that consumed the
-- event (the inbox makes that once per event), claimed by a worker with FOR UPDATE SKIP LOCKED and a lease, so a
-- crash mid-send leaves the row to be claimed again when the lease runs out. The mail is rendered when it is sent:
-- the row keeps the template data, and one-time tokens only sealed (ADR 0007), never in clear text.
create table mail_deliveries (
    id                  bigint generated always as identity primary key,
    event_id            text        not null,
    tenant_id           text,
    user_id             text,
    kind                text        not null,      -- email_verification | password_reset | payment_receipt | export_ready | contract_completed
    to_email            text,                      -- null until the recipient projection knows the user's address
    data                jsonb       not null,      -- template data; sealedToken for the token mails
    status              text        not null default 'pending'
                        check (status in ('pending', 'sent', 'logged', 'failed')),
    transport           text,                      -- sendgrid | log, once delivered
    subject             text,
    provider_message_id text,
    attempts            integer     not null default 0,
    next_attempt_at     timestamptz not null default now(),
    locked_until        timestamptz,
    last_error          text,
    created_at          timestamptz not null default now(),
    delivered_at        timestamptz,
    unique (event_id, kind)
);

create index mail_deliveries_due on mail_deliveries (next_attempt_at) where status = 'pending';
create index mail_deliveries_to on mail_deliveries (to_email, created_at desc);

-- One row per platform object (an export, a generation job, a payment) and its Notion page: the queue of syncs and
-- the mapping to the page. A newer event for the object replaces the wanted properties and bumps the version, so
-- replays and updates converge on one page. The worker claims due rows with FOR UPDATE SKIP LOCKED and a lease.
create table notion_sync (
    id              bigint generated always as identity primary key,
    tenant_id       text        not null,
    object_type     text        not null,          -- export | generation | payment
    object_id       text        not null,
    target          text        not null,          -- content | transactions: which of the tenant's databases
    properties      jsonb       not null,          -- the page's wanted properties, in Notion's property-value shape
    version         integer     not null default 1,
    synced_version  integer     not null default 0,
    page_id         text,                          -- the Notion page, once created
    create_sent     boolean     not null default false, -- a create went out: before another, look for its page
    status          text        not null default 'pending'
                    check (status in ('pending', 'synced', 'failed')),
    attempts        integer     not null default 0,
    next_attempt_at timestamptz not null default now(),
    locked_until    timestamptz,
    last_error      text,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    synced_at       timestamptz,
    unique (tenant_id, object_type, object_id)
);

create index notion_sync_due on notion_sync (next_attempt_at) where status = 'pending';
create index notion_sync_tenant_status on notion_sync (tenant_id, status, updated_at desc);
