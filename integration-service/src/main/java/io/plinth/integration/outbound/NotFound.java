package io.plinth.integration.outbound;

/** No such resource for this tenant (another tenant's is the same as none). */
public final class NotFound extends RuntimeException {

    public NotFound(String what) {
        super(what, null, false, false);
    }
}
