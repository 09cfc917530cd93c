-- DocuSign envelopes (io.plinth.integration.docusign) and Zoom meetings (io.plinth.integration.zoom), per tenant.
-- Rows exist only for what the provider accepted: a refused or failed call stores nothing.
create table envelopes (
    id              uuid        primary key,                -- ours, in the API
    tenant_id       text        not null,
    user_id         text        not null,                   -- the platform user the signature is for
    envelope_id     text        not null unique,            -- DocuSign's; Connect events find the row by it
    account_id      text        not null,
    template_id     text        not null,
    recipient_name  text        not null,
    recipient_email text        not null,
    course_id       text,                                   -- what completing it unlocks, if anything
    status          text        not null,                   -- sent | delivered | completed | declined | voided
    decline_reason  text,
    created_at      timestamptz not null,
    updated_at      timestamptz not null
);

create index envelopes_tenant on envelopes (tenant_id, created_at desc);

create table meetings (
    id               uuid        primary key,
    tenant_id        text        not null,
    user_id          text        not null,                  -- who scheduled it
    zoom_meeting_id  text        not null unique,
    zoom_uuid        text,
    topic            text        not null,
    start_time       timestamptz not null,
    duration_minutes integer     not null check (duration_minutes > 0),
    timezone         text        not null,
    join_url         text        not null,
    status           text        not null,                  -- scheduled | started | ended
    created_at       timestamptz not null,
    updated_at       timestamptz not null
);

create index meetings_tenant on meetings (tenant_id, created_at desc);
create index meetings_zoom_uuid on meetings (zoom_uuid);

-- Zoom's webhooks about a meeting, once each: the same event at the same time is one row however often it arrives.
create table meeting_events (
    id          bigserial   primary key,
    meeting_id  uuid        not null references meetings (id),
    event_type  text        not null,                       -- meeting.started, meeting.ended, ...
    occurred_at timestamptz not null,                       -- Zoom's event_ts
    received_at timestamptz not null,
    unique (meeting_id, event_type, occurred_at)
);
