package io.plinth.auth.keys;

import java.time.Clock;

import io.plinth.auth.config.AuthProperties;
import io.plinth.auth.config.SecretKeys;
import io.plinth.platform.security.PlinthJwtDecoders;
import io.plinth.platform.security.PlinthSecurityProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

@Configuration(proxyBeanMethods = false)
class KeysConfiguration {

    /** Published in this repository, so it protects nothing: accepted only with the development flag. */
    private static final String DEVELOPMENT_KEY = "cGxpbnRoLWRldnN0YWNrLW9ubHktbm90LXNlY3JldCE=";

    @Bean
    KeyEncryptor keyEncryptor(AuthProperties props) {
        return resolveKeyEncryptionKey(props.keyEncryptionKey(), props.allowDevelopmentKey());
    }

    /**
     * The key that encrypts the private signing keys at rest. An empty or the development key would let
     * anyone who reads the database (a backup, a replica) sign tokens: refused outside development.
     */
    static KeyEncryptor resolveKeyEncryptionKey(String configured, boolean allowDevelopmentKey) {
        return KeyEncryptor.fromBase64(SecretKeys.resolve("PLINTH_AUTH_KEY_ENCRYPTION_KEY", configured, DEVELOPMENT_KEY,
                allowDevelopmentKey));
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
