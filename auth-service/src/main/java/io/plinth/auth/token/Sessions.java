package io.plinth.auth.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.plinth.auth.account.Accounts;
import io.plinth.auth.account.User;
import io.plinth.auth.config.AuthProperties;
import io.plinth.auth.crypto.OpaqueTokens;
import io.plinth.auth.refusal.AuthException;
import io.plinth.auth.refusal.Refusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Login, refresh rotation and logout. A login starts a refresh family; every refresh spends the presented
 * token and adds a new one to the family; presenting a spent token revokes the family (whoever holds the
 * other copy loses it too); logout revokes the family.
 */
@Service
class Sessions {

    private static final Logger log = LoggerFactory.getLogger(Sessions.class);

    private final Credentials credentials;
    private final Accounts accounts;
    private final AccessTokens accessTokens;
    private final RefreshTokenStore refreshTokens;
    private final AuthProperties props;
    private final Clock clock;

    Sessions(Credentials credentials, Accounts accounts, AccessTokens accessTokens, RefreshTokenStore refreshTokens,
             AuthProperties props, Clock clock) {
        this.credentials = credentials;
        this.accounts = accounts;
        this.accessTokens = accessTokens;
        this.refreshTokens = refreshTokens;
        this.props = props;
        this.clock = clock;
    }

    record TokenPair(String accessToken, String refreshToken, Duration expiresIn) {
    }

    Mono<TokenPair> login(String email, String password, String clientAddress) {
        return credentials.authenticate(email, password, clientAddress)
                .flatMap(user -> issue(user, UUID.randomUUID()));
    }

    Mono<TokenPair> refresh(String refreshToken) {
        if (refreshToken == null || refreshToken.isBlank()) {
            return Mono.error(invalidRefresh());
        }
        Instant now = clock.instant();
        return refreshTokens.findByHash(OpaqueTokens.sha256(refreshToken))
                .switchIfEmpty(Mono.error(Sessions::invalidRefresh))
                .flatMap(row -> switch (RefreshDecision.of(row.spentAt(), row.revokedAt(), row.expiresAt(), now)) {
                    case REJECT -> Mono.error(invalidRefresh());
                    case REVOKE_FAMILY -> reuse(row);
                    // The spend is its own statement: if two requests race with one token, one wins and the
                    // other is treated as the replay it is.
                    case ROTATE -> refreshTokens.spend(row.id(), now).flatMap(won -> won
                            ? accounts.findById(row.userId().toString())
                                    .switchIfEmpty(Mono.error(Sessions::invalidRefresh))
                                    .flatMap(user -> issue(user, row.familyId()))
                            : reuse(row));
                });
    }

    Mono<Void> logout(String refreshToken) {
        if (refreshToken == null || refreshToken.isBlank()) {
            return Mono.error(invalidRefresh());
        }
        return refreshTokens.findByHash(OpaqueTokens.sha256(refreshToken))
                .switchIfEmpty(Mono.error(Sessions::invalidRefresh))
                .flatMap(row -> refreshTokens.revokeFamily(row.familyId(), clock.instant()));
    }

    private Mono<TokenPair> reuse(RefreshTokenStore.Row row) {
        log.warn("Spent refresh token presented again: revoking family {} of user {}", row.familyId(), row.userId());
        return refreshTokens.revokeFamily(row.familyId(), clock.instant())
                .then(Mono.error(new AuthException(Refusal.REFRESH_TOKEN_REUSED,
                        "This refresh token was already used; the session has been ended")));
    }

    private Mono<TokenPair> issue(User user, UUID familyId) {
        Instant now = clock.instant();
        String refresh = OpaqueTokens.generate("rt_");
        AccessTokens.Minted access = accessTokens.forUser(user);
        return refreshTokens.insert(UUID.randomUUID(), OpaqueTokens.sha256(refresh), familyId, user.id(),
                        user.tenantId(), now, now.plus(props.refreshTokenTtl()))
                .thenReturn(new TokenPair(access.token(), refresh, access.expiresIn()));
    }

    private static AuthException invalidRefresh() {
        return new AuthException(Refusal.INVALID_REFRESH_TOKEN,
                "The refresh token is unknown, expired or revoked");
    }
}
