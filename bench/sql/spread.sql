-- Spread: each transaction takes one credit from a random one of :scale wallets.
\set id random(1, :scale)
UPDATE wallet SET balance = balance - 1 WHERE id = :id AND balance >= 1;
