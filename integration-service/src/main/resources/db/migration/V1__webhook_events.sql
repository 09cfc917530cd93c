-- Every inbound webhook attempt (webhook ingress, io.plinth.integration.webhook).
-- A verified event has one row per (source, provider_event_id): later deliveries of it only count up
-- `attempts`, so the unique index below is the dedupe. Every rejected attempt gets a row of its own.
create table webhook_events (
    id                 uuid        primary key,
    source             text        not null,               -- provider: stripe, mpesa, pipit, capcut, docusign, zoom
    provider_event_id  text,                               -- null when the attempt never got that far
    event_type         text,
    object_id          text,                               -- what the published event is keyed by
    payload            text        not null,               -- the body; a rejected one truncated
    payload_truncated  boolean     not null default false,
    payload_bytes      integer     not null,               -- size as received (or declared)
    signature_verdict  text        not null,               -- verified | missing | malformed | stale | invalid
    status             text        not null,               -- accepted | rejected | challenge
    http_status        integer     not null,
    received_at        timestamptz not null default now(),
    last_received_at   timestamptz not null default now(),
    processed_at       timestamptz,                        -- handed to the outbox (same transaction)
    attempts           integer     not null default 1,
    replays            integer     not null default 0,
    last_replayed_at   timestamptz,
    last_error         text
);

create unique index webhook_events_dedupe on webhook_events (source, provider_event_id)
    where signature_verdict = 'verified' and status = 'accepted';

-- The admin list: newest first, optionally narrowed by source, status or type.
create index webhook_events_received on webhook_events (received_at desc, id desc);
create index webhook_events_source_received on webhook_events (source, received_at desc, id desc);
