package io.plinth.credit.ledger;

/** A low-balance warning fires once, when a spend takes the balance from at/above to below the threshold. */
public final class LowBalance {

    private LowBalance() {
    }

    public static boolean crossed(long balanceBefore, long balanceAfter, long threshold) {
        return threshold > 0 && balanceBefore >= threshold && balanceAfter < threshold;
    }
}
