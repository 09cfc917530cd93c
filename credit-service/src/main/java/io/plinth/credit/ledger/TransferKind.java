package io.plinth.credit.ledger;

/**
 * What a transfer is for, and therefore which system account is on the other side and whether the
 * wallet is credited or debited. The rules for spending live here so they sit in one place.
 */
public enum TransferKind {
    STARTING_GRANT(SystemAccount.STARTING_GRANTS, Direction.INTO_WALLET, Guard.NONE),
    ADMIN_GRANT(SystemAccount.ADMIN_GRANTS, Direction.INTO_WALLET, Guard.NONE),
    PURCHASE(SystemAccount.PURCHASES, Direction.INTO_WALLET, Guard.NONE),
    /** A direct spend: must fit in the available balance (balance − held). */
    CONSUME(SystemAccount.REVENUE, Direction.OUT_OF_WALLET, Guard.AVAILABLE),
    /** Settles a hold: the credits were already reserved, so no availability check. */
    HOLD_CAPTURE(SystemAccount.REVENUE, Direction.OUT_OF_WALLET, Guard.NONE),
    /** A refund takes back purchased credits even if that puts the wallet in debt. */
    CLAWBACK(SystemAccount.CLAWBACKS, Direction.OUT_OF_WALLET, Guard.NONE);

    public enum Direction { INTO_WALLET, OUT_OF_WALLET }

    /** NONE: the transfer may not be refused for lack of credits; AVAILABLE: balance − held ≥ amount. */
    public enum Guard { NONE, AVAILABLE }

    private final SystemAccount counterpart;
    private final Direction direction;
    private final Guard guard;

    TransferKind(SystemAccount counterpart, Direction direction, Guard guard) {
        this.counterpart = counterpart;
        this.direction = direction;
        this.guard = guard;
    }

    public SystemAccount counterpart() {
        return counterpart;
    }

    public Direction direction() {
        return direction;
    }

    public Guard guard() {
        return guard;
    }

    /** The signed change this kind applies to the wallet's balance. */
    public long walletDelta(long amount) {
        return direction == Direction.INTO_WALLET ? amount : -amount;
    }
}
