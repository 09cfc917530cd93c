package io.plinth.auth.config;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * auth-service settings ({@code plinth.auth.*}).
 *
 * @param accessTokenTtl      lifetime of first-party access tokens
 * @param refreshTokenTtl     lifetime of a refresh token (each rotation starts a new one)
 * @param sessionTokenTtl     lifetime of cross-app session tokens
 * @param verificationTokenTtl lifetime of an email-verification token
 * @param resetTokenTtl       lifetime of a password-reset token
 * @param keyRotationInterval a new signing key is made when the newest one is this old
 * @param keyEncryptionKey    base64 AES-256 key that encrypts private signing keys at rest
 *                            (env {@code PLINTH_AUTH_KEY_ENCRYPTION_KEY})
 * @param trustForwardedFor   take the client address from the last {@code X-Forwarded-For} hop (the gateway's)
 * @param lockout             failed-login throttling
 * @param argon2              password hashing cost
 */
@ConfigurationProperties("plinth.auth")
public record AuthProperties(
        Duration accessTokenTtl,
        Duration refreshTokenTtl,
        Duration sessionTokenTtl,
        Duration verificationTokenTtl,
        Duration resetTokenTtl,
        Duration keyRotationInterval,
        String keyEncryptionKey,
        Boolean trustForwardedFor,
        Lockout lockout,
        Argon2 argon2) {

    public AuthProperties {
        accessTokenTtl = or(accessTokenTtl, Duration.ofMinutes(15));
        refreshTokenTtl = or(refreshTokenTtl, Duration.ofDays(30));
        sessionTokenTtl = or(sessionTokenTtl, Duration.ofMinutes(15));
        verificationTokenTtl = or(verificationTokenTtl, Duration.ofHours(24));
        resetTokenTtl = or(resetTokenTtl, Duration.ofMinutes(30));
        keyRotationInterval = or(keyRotationInterval, Duration.ofDays(30));
        trustForwardedFor = trustForwardedFor == null || trustForwardedFor;
        lockout = lockout != null ? lockout : new Lockout(null, null, null, null, null);
        argon2 = argon2 != null ? argon2 : new Argon2(null, null, null);
    }

    /** The longest a token signed by a key can live: a superseded key is published this long. */
    public Duration longestTokenTtl() {
        return accessTokenTtl.compareTo(sessionTokenTtl) >= 0 ? accessTokenTtl : sessionTokenTtl;
    }

    /**
     * @param accountThreshold failures for one account before it is locked
     * @param addressThreshold failures from one client address before it is locked
     * @param baseDelay        the first lock; each further failure doubles it
     * @param maxDelay         the longest lock
     * @param window           failures older than this are forgotten
     */
    public record Lockout(Integer accountThreshold, Integer addressThreshold, Duration baseDelay, Duration maxDelay,
                          Duration window) {
        public Lockout {
            accountThreshold = accountThreshold != null ? accountThreshold : 5;
            addressThreshold = addressThreshold != null ? addressThreshold : 20;
            baseDelay = or(baseDelay, Duration.ofSeconds(30));
            maxDelay = or(maxDelay, Duration.ofMinutes(15));
            window = or(window, Duration.ofMinutes(15));
        }
    }

    /** Argon2id cost: OWASP's m=19 MiB, t=2, p=1 by default. */
    public record Argon2(Integer memoryKib, Integer iterations, Integer parallelism) {
        public Argon2 {
            memoryKib = memoryKib != null ? memoryKib : 19 * 1024;
            iterations = iterations != null ? iterations : 2;
            parallelism = parallelism != null ? parallelism : 1;
        }
    }

    private static Duration or(Duration value, Duration fallback) {
        return value != null ? value : fallback;
    }
}
