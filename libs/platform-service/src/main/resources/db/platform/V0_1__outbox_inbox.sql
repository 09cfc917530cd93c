-- Transactional outbox: a service writes its events here in the same transaction as the state
-- change; the relay publishes them to Kafka in id order and stamps published_at once the broker
-- has acknowledged. Rows are pruned some days after publication.
create table outbox (
    id           bigint generated always as identity primary key,
    event_id     uuid        not null unique,
    topic        text        not null,
    key          text        not null,
    event        jsonb       not null,
    created_at   timestamptz not null default now(),
    published_at timestamptz,
    attempts     integer     not null default 0,
    last_error   text
);

-- The relay's scan (oldest unpublished first) and the backlog gauge read only this small index.
create index outbox_unpublished on outbox (id) where published_at is null;
-- Per-key ordering check across relay replicas: "is an older row of this key still unpublished?"
create index outbox_unpublished_key on outbox (topic, key, id) where published_at is null;
-- Pruning of published rows.
create index outbox_published_at on outbox (published_at) where published_at is not null;

-- Inbox: one row per (consumer, event) a consumer has applied, written in the same transaction as
-- the consumer's own changes, so a redelivered event is recognised and skipped.
create table inbox (
    consumer     text        not null,
    event_id     text        not null,
    event_type   text        not null,
    processed_at timestamptz not null default now(),
    primary key (consumer, event_id)
);
