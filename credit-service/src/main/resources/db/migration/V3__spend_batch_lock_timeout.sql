-- A replica sends one spend_batch call at a time (plinth.credits.spend-batches-in-flight = 1), so a
-- call stuck behind a wallet row that some other transaction keeps locked would hold up every plain
-- spend of that replica for as long. Wallet locks normally last milliseconds; past 5 s the call
-- fails with 55P03 (lock_not_available), its spends are handed back and posted one by one, the
-- others go through, and the spend on the locked wallet is answered 503 wallet_busy (Retry-After).
ALTER FUNCTION spend_batch(jsonb, uuid) SET lock_timeout = '5s';
