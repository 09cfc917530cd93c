package io.plinth.sandbox.delivery;

import java.util.List;

/** The providers the sandbox plays, by the names used in its paths ({@code /_sandbox/{provider}/…}). */
public final class Providers {

    public static final String STRIPE = "stripe";
    public static final String MPESA = "mpesa";
    public static final String PIPIT = "pipit";
    public static final String CAPCUT = "capcut";
    public static final String VDOCIPHER = "vdocipher";
    public static final String DOCUSIGN = "docusign";
    public static final String ZOOM = "zoom";
    public static final String SENDGRID = "sendgrid";
    public static final String NOTION = "notion";

    /** Every provider: each can be given faults. */
    public static final List<String> ALL =
            List.of(STRIPE, MPESA, PIPIT, CAPCUT, VDOCIPHER, DOCUSIGN, ZOOM, SENDGRID, NOTION);

    /** The providers that call Plinth back with webhooks: each has an event store and a signer. */
    public static final List<String> WEBHOOK_SENDERS = List.of(STRIPE, MPESA, PIPIT, CAPCUT, DOCUSIGN, ZOOM);

    private Providers() {
    }

    public static boolean isKnown(String provider) {
        return ALL.contains(provider);
    }

    public static boolean sendsWebhooks(String provider) {
        return WEBHOOK_SENDERS.contains(provider);
    }
}
