package io.plinth.integration.webhook;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The providers that call Plinth's webhook ingress, by the name in their path. */
public enum Provider {
    STRIPE, PIPIT, CAPCUT, DOCUSIGN, ZOOM, MPESA;

    /** {@code stripe}, …: the path segment and the {@code source} column. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Provider> fromId(String id) {
        return Arrays.stream(values()).filter(p -> p.id().equals(id)).findFirst();
    }
}
