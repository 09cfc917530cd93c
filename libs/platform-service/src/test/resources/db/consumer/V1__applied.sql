-- Test consumer's own state. Deliberately no unique constraint: only the inbox stops a redelivered
-- event from being applied twice, so a duplicate here is a real failure of the platform.
create table applied (
    seq      bigint generated always as identity primary key,
    event_id text   not null,
    user_id  text   not null,
    balance  bigint not null
);
