package io.plinth.credit.reactions;

/**
 * How many credits a refund takes back. Refund events carry the cumulative refunded amount, so
 * the target is proportional to it and every step claws back only the difference to what was
 * already taken: redeliveries and out-of-order partial refunds converge on the same total.
 */
public final class RefundMath {

    private RefundMath() {
    }

    /** credits × totalRefunded / amount, rounded down, never more than the credits granted. */
    public static long clawbackTarget(long credits, long totalRefundedMinor, long amountMinor) {
        if (credits <= 0 || totalRefundedMinor <= 0) {
            return 0;
        }
        if (amountMinor <= 0 || totalRefundedMinor >= amountMinor) {
            return credits;
        }
        return Math.multiplyExact(credits, totalRefundedMinor) / amountMinor;
    }

    /** What is still to claw back given what previous refunds already took. */
    public static long stillToClawBack(long target, long alreadyClawedBack) {
        return Math.max(0, target - alreadyClawedBack);
    }
}
