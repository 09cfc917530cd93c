package io.plinth.integration.outbound;

/** The caller may not do this (a field only admins may set, a token without a tenant). */
public final class Forbidden extends RuntimeException {

    public Forbidden(String why) {
        super(why, null, false, false);
    }
}
