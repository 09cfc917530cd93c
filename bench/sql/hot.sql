-- One hot wallet: every client takes one credit from the same row, only if it has one.
UPDATE wallet SET balance = balance - 1 WHERE id = 1 AND balance >= 1;
