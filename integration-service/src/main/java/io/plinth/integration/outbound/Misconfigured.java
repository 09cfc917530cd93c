package io.plinth.integration.outbound;

/** The tenant's stored credentials cannot even be used to make the call (e.g. a private key that is not one). */
public final class Misconfigured extends RuntimeException {

    public Misconfigured(String why) {
        super(why, null, false, false);
    }
}
