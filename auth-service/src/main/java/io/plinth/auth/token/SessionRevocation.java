package io.plinth.auth.token;

import java.time.Clock;
import java.util.UUID;

import io.plinth.auth.account.SessionRevoker;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Lets the account feature end a user's sessions without depending on the token feature. */
@Component
class SessionRevocation implements SessionRevoker {

    private final RefreshTokenStore refreshTokens;
    private final Clock clock;

    SessionRevocation(RefreshTokenStore refreshTokens, Clock clock) {
        this.refreshTokens = refreshTokens;
        this.clock = clock;
    }

    @Override
    public Mono<Void> revokeAllSessions(UUID userId) {
        return refreshTokens.revokeUser(userId, clock.instant());
    }
}
