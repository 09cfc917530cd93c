package io.plinth.client;

/**
 * A user's wallet.
 *
 * @param balance    credits in the wallet (negative when a refund left it in debt)
 * @param held       credits reserved by pending holds
 * @param available  what can be spent now: {@code balance - held}
 * @param inDebt     whether the balance is below zero
 * @param tier       {@code free}, {@code pro} or {@code premium}
 * @param dailyLimit the tier's daily limit of metered generations, or null when unlimited
 * @param usedToday  metered generations used today (UTC)
 */
public record Balance(long balance, long held, long available, boolean inDebt, String tier, Integer dailyLimit,
                      int usedToday) {
}
