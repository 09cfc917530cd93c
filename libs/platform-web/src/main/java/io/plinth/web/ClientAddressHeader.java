package io.plinth.web;

/**
 * The client address the gateway decided on (the TCP peer, or the forwarded chain only from proxies it
 * trusts), passed to the services in {@value #NAME}. Only the gateway sets it: it drops any copy a client
 * sends. Services that throttle by address (auth-service's login lockout) read this, never
 * {@code X-Forwarded-For}, which a client can fill with anything.
 */
public final class ClientAddressHeader {

    public static final String NAME = "X-Plinth-Client-Address";

    private ClientAddressHeader() {
    }
}
