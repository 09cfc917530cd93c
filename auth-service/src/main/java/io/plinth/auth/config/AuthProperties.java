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
 * @param mailTokenKey        base64 AES-256 key that seals one-time tokens in user events for the mailer
 *                            (env {@code PLINTH_MAIL_TOKEN_KEY}, the same in the service that sends mail)
 * @param allowDevelopmentKey accept empty or published development keys (key-encryption, mail-token) —
 *                            devstack and tests only; env {@code PLINTH_AUTH_ALLOW_DEVELOPMENT_KEY}; otherwise
 *                            start-up fails
 * @param trustGatewayClientAddress take the client address from the gateway's {@code X-Plinth-Client-Address}
 *                            (only the gateway can set it: it drops any copy a client sends)
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
        String mailTokenKey,
        Boolean allowDevelopmentKey,
        Boolean trustGatewayClientAddress,
        Lockout lockout,
        Argon2 argon2) {

    public AuthProperties {
        accessTokenTtl = or(accessTokenTtl, Duration.ofMinutes(15));
        refreshTokenTtl = or(refreshTokenTtl, Duration.ofDays(30));
        sessionTokenTtl = or(sessionTokenTtl, Duration.ofMinutes(15));
        verificationTokenTtl = or(verificationTokenTtl, Duration.ofHours(24));
        resetTokenTtl = or(resetTokenTtl, Duration.ofMinutes(30));
        keyRotationInterval = or(keyRotationInterval, Duration.ofDays(30));
        allowDevelopmentKey = allowDevelopmentKey != null && allowDevelopmentKey;
        trustGatewayClientAddress = trustGatewayClientAddress == null || trustGatewayClientAddress;
        lockout = lockout != null ? lockout : new Lockout(null, null, null, null, null, null, null);
        argon2 = argon2 != null ? argon2 : new Argon2(null, null, null);
    }

    /** The longest a token signed by a key can live: a superseded key is published this long. */
    public Duration longestTokenTtl() {
        return accessTokenTtl.compareTo(sessionTokenTtl) >= 0 ? accessTokenTtl : sessionTokenTtl;
    }

    /**
     * @param accountThreshold failures for one account from one client address before that pair is locked
     *                         (the owner elsewhere is not: an attacker can only lock themselves out)
     * @param addressThreshold failures from one client address, whatever the account, before it is locked
     * @param accountCeiling   failures for one account from all addresses together past which every attempt
     *                         on it is slowed by {@code ceilingDelay}; never a lock, so it cannot deny service
     * @param ceilingDelay     the delay added to each attempt on an account past its ceiling
     * @param baseDelay        the first lock; each further failure doubles it
     * @param maxDelay         the longest lock
     * @param window           failures older than this are forgotten
     */
    public record Lockout(Integer accountThreshold, Integer addressThreshold, Integer accountCeiling,
                          Duration ceilingDelay, Duration baseDelay, Duration maxDelay, Duration window) {
        public Lockout {
            accountThreshold = accountThreshold != null ? accountThreshold : 5;
            addressThreshold = addressThreshold != null ? addressThreshold : 20;
            accountCeiling = accountCeiling != null ? accountCeiling : 100;
            ceilingDelay = or(ceilingDelay, Duration.ofSeconds(2));
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
