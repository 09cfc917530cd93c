-- The inbox pruner deletes rows older than the retention (plinth.inbox.retention) in chunks.
create index inbox_processed_at on inbox (processed_at);
