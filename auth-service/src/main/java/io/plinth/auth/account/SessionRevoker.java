package io.plinth.auth.account;

import java.util.UUID;

import reactor.core.publisher.Mono;

/** Ends every refresh family of a user (after a password reset). Implemented by the token feature. */
public interface SessionRevoker {
    Mono<Void> revokeAllSessions(UUID userId);
}
