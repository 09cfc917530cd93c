package io.plinth.integration.outbound;

import io.plinth.platform.security.CurrentUser;
import java.util.UUID;

/** What the provider-backed endpoints need from a caller and a path, refused the same way everywhere. */
public final class Callers {

    private Callers() {
    }

    /** The caller's tenant; a token without one may do nothing here. */
    public static String tenant(CurrentUser user) {
        if (user.tenantId() == null || user.tenantId().isBlank()) {
            throw new Forbidden("The token names no tenant.");
        }
        return user.tenantId();
    }

    /** An id that is not a UUID names nothing: not found, as for any other unknown id. */
    public static UUID id(String id, String what) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NotFound("No " + what + " " + id + ".");
        }
    }
}
