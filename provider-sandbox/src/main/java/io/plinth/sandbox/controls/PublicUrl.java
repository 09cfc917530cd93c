package io.plinth.sandbox.controls;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Where a buyer's browser reaches the sandbox's hosted pages (Stripe Checkout, Pipit). By default the address the
 * API call came in on — right when the caller and the browser see the sandbox at the same address (the devstack,
 * tests). Behind a container network the services call {@code http://provider-sandbox:8090} while the browser has
 * {@code http://localhost:8090}: {@code PLINTH_SANDBOX_PUBLICURL} says so.
 */
@Component
public class PublicUrl {

    private final String configured;

    PublicUrl(@Value("${plinth.sandbox.public-url:}") String configured) {
        this.configured = configured.replaceAll("/+$", "");
    }

    /** Scheme, host and port of the hosted pages, without a trailing slash. */
    public String base(ServerWebExchange exchange) {
        if (!configured.isEmpty()) {
            return configured;
        }
        java.net.URI uri = exchange.getRequest().getURI();
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }
}
