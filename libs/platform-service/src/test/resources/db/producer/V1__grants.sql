-- Test producer's own state: every grant changes a user's running balance.
create table grants (
    id      bigint generated always as identity primary key,
    user_id text   not null,
    credits bigint not null,
    balance bigint not null
);
