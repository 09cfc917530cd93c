package io.plinth.auth.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rule for auth-service's symmetric keys (key-encryption key, mail-token key): an empty value or the
 * development key published in this repository protects nothing, so start-up fails unless
 * {@code PLINTH_AUTH_ALLOW_DEVELOPMENT_KEY=true} says this is a development platform.
 */
public final class SecretKeys {

    private static final Logger log = LoggerFactory.getLogger(SecretKeys.class);

    private SecretKeys() {
    }

    /** The base64 key to use: the configured one, or the development key when that is allowed. */
    public static String resolve(String envName, String configured, String developmentKey, boolean allowDevelopmentKey) {
        boolean unset = configured == null || configured.isBlank();
        if (!unset && !configured.trim().equals(developmentKey)) {
            return configured.trim();
        }
        if (!allowDevelopmentKey) {
            throw new IllegalStateException(envName + " is " + (unset ? "not set" : "the published development key")
                    + ": set a random 32-byte base64 key (openssl rand -base64 32). Only a development platform may "
                    + "run on the development key, and says so with PLINTH_AUTH_ALLOW_DEVELOPMENT_KEY=true.");
        }
        log.warn("{} is the published development key (PLINTH_AUTH_ALLOW_DEVELOPMENT_KEY=true). "
                + "Never run a real platform like this.", envName);
        return developmentKey;
    }
}
