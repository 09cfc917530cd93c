-- One row per payment attempt, whatever the provider. Amounts in minor units of `currency`.
create table payments (
    id                  uuid primary key,
    tenant_id           text        not null,
    user_id             text        not null,
    provider            text        not null,
    price_id            text        not null,
    product_id          text        not null,
    kind                text        not null,
    mode                text        not null,
    quantity            integer     not null,
    amount_minor        bigint      not null check (amount_minor >= 0),
    currency            text        not null,
    credits             bigint      not null default 0,
    tier                text,
    entitlement         text,
    status              text        not null,
    -- The provider's handle for the attempt: Checkout Session id, CheckoutRequestID, Pipit payment id.
    provider_ref        text,
    -- What the provider settles and refunds against: PaymentIntent id, M-Pesa receipt, ...
    provider_payment_id text,
    refunded_minor      bigint      not null default 0 check (refunded_minor >= 0 and refunded_minor <= amount_minor),
    failure_reason      text,
    created_at          timestamptz not null,
    updated_at          timestamptz not null
);

create unique index payments_provider_ref on payments (provider, provider_ref) where provider_ref is not null;
create index payments_provider_payment on payments (provider, provider_payment_id) where provider_payment_id is not null;
create index payments_owner on payments (tenant_id, user_id, created_at desc, id desc);

-- One Stripe customer per user.
create table stripe_customers (
    tenant_id   text        not null,
    user_id     text        not null,
    customer_id text        not null unique,
    created_at  timestamptz not null,
    primary key (tenant_id, user_id)
);

-- Provider event ids already acted on: the ingress dedupes too, but a replay from its admin API or a
-- provider retry that reaches Kafka twice under different envelope ids must still count once.
create table provider_events (
    provider    text        not null,
    event_id    text        not null,
    event_type  text        not null,
    received_at timestamptz not null,
    primary key (provider, event_id)
);
create index provider_events_received on provider_events (received_at);
