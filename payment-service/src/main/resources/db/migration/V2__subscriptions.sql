-- Subscriptions (tier plans) as the provider reports them; the tier follows `status`.
create table subscriptions (
    id                   text primary key,           -- the provider's id (Stripe sub_...)
    tenant_id            text        not null,
    user_id              text        not null,
    provider             text        not null,
    price_id             text,
    tier                 text        not null,
    status               text        not null,
    cancel_at_period_end boolean     not null default false,
    current_period_end   timestamptz,
    created_at           timestamptz not null,
    updated_at           timestamptz not null
);
create index subscriptions_owner on subscriptions (tenant_id, user_id, created_at desc);
