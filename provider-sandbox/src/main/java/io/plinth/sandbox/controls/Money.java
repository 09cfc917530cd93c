package io.plinth.sandbox.controls;

import java.util.Locale;

/** How the hosted pages (Stripe Checkout, Pipit) show an amount the providers' APIs carry in minor units. */
public final class Money {

    private Money() {
    }

    /** {@code 500, "usd"} → {@code "5.00 USD"}. */
    public static String format(long minor, String currency) {
        String sign = minor < 0 ? "-" : "";
        long abs = Math.abs(minor);
        return String.format(Locale.ROOT, "%s%d.%02d %s", sign, abs / 100, abs % 100, currency.toUpperCase(Locale.ROOT));
    }
}
