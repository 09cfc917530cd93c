package io.plinth.auth.keys;

import java.time.Clock;

import io.plinth.auth.config.AuthProperties;
import io.plinth.platform.security.PlinthJwtDecoders;
import io.plinth.platform.security.PlinthSecurityProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

@Configuration(proxyBeanMethods = false)
class KeysConfiguration {

    private static final Logger log = LoggerFactory.getLogger(KeysConfiguration.class);

    /** Development only: used when PLINTH_AUTH_KEY_ENCRYPTION_KEY is unset, and said so loudly. */
    private static final String DEV_ONLY_KEY = "cGxpbnRoLWRldnN0YWNrLW9ubHktbm90LXNlY3JldCE=";

    @Bean
    KeyEncryptor keyEncryptor(AuthProperties props) {
        String key = props.keyEncryptionKey();
        if (key == null || key.isBlank()) {
            log.warn("PLINTH_AUTH_KEY_ENCRYPTION_KEY is not set: private signing keys are encrypted with the "
                    + "public development key. Set a random 32-byte base64 key outside the devstack.");
            key = DEV_ONLY_KEY;
        }
        return KeyEncryptor.fromBase64(key);
    }

    /**
     * auth-service is a resource server too, with the platform's token rules, but it verifies against its
     * own key ring instead of fetching its own JWKS over HTTP.
     */
    @Bean
    ReactiveJwtDecoder authJwtDecoder(KeyRing keys, PlinthSecurityProperties security, Clock clock) {
        return PlinthJwtDecoders.decoder(keys.verificationKeys(), security, clock,
                PlinthJwtDecoders.bearerAudience(security));
    }
}
