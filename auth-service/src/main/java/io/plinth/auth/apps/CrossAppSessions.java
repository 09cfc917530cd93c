package io.plinth.auth.apps;

import java.time.Clock;
import java.util.List;
import java.util.Set;

import io.plinth.auth.account.Accounts;
import io.plinth.auth.account.User;
import io.plinth.auth.keys.KeyRing;
import io.plinth.auth.token.AccessTokens;
import io.plinth.auth.token.Credentials;
import io.plinth.auth.refusal.AuthException;
import io.plinth.auth.refusal.Refusal;
import io.plinth.web.FieldViolation;
import io.plinth.platform.security.CrossAppTokenVerifier;
import io.plinth.platform.security.CurrentUser;
import io.plinth.platform.security.PlinthJwtDecoders;
import io.plinth.platform.security.PlinthSecurityProperties;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Cross-app sessions: an app (id + API key) signs its user in and gets a token for audience
 * {@code app:{appId}} whose scopes are exactly the app's permissions. Validation re-checks the app, so a
 * revoked app's tokens stop working here at once, and an app whose permissions shrank gets the smaller set.
 */
@Service
class CrossAppSessions {

    private final Apps apps;
    private final Credentials credentials;
    private final Accounts accounts;
    private final AccessTokens tokens;
    private final CrossAppTokenVerifier verifier;

    CrossAppSessions(Apps apps, Credentials credentials, Accounts accounts, AccessTokens tokens, KeyRing keys,
                     PlinthSecurityProperties security, Clock clock) {
        this.apps = apps;
        this.credentials = credentials;
        this.accounts = accounts;
        this.tokens = tokens;
        this.verifier = new CrossAppTokenVerifier(PlinthJwtDecoders.decoder(keys.verificationKeys(), security, clock,
                aud -> aud.stream().anyMatch(a -> a.startsWith(PlinthJwtDecoders.APP_AUDIENCE_PREFIX))));
    }

    record Session(String sessionToken, User user, List<String> permissions, long expiresIn) {
    }

    record Validation(boolean valid, User user, List<String> permissions) {
        static Validation invalid() {
            return new Validation(false, null, List.of());
        }
    }

    Mono<Session> authenticate(String appId, String apiKey, String email, String password, String clientAddress) {
        if (appId == null || appId.isBlank()) {
            return Mono.error(AuthException.invalid(List.of(FieldViolation.of("appId", "required", "appId is required"))));
        }
        return apps.authenticate(appId, apiKey)
                .flatMap(app -> credentials.authenticate(email, password, clientAddress)
                        // A user of another tenant does not exist for this app: same answer as a wrong password.
                        .filter(user -> user.tenantId().equals(app.tenantId()))
                        .switchIfEmpty(Mono.error(() -> new AuthException(Refusal.INVALID_CREDENTIALS,
                                "Wrong email or password")))
                        .map(user -> {
                            AccessTokens.Minted minted = tokens.forApp(user, app.id().toString(), app.permissions());
                            return new Session(minted.token(), user, app.permissions(), minted.expiresIn().toSeconds());
                        }));
    }

    Mono<Validation> validate(String sessionToken, String appId) {
        return verifier.verify(sessionToken, appId)
                .flatMap(session -> apps.live(appId)
                        .filter(app -> app.tenantId().equals(session.tenantId()))
                        .flatMap(app -> accounts.findById(session.userId())
                                .map(user -> new Validation(true, user, granted(session, app.permissions())))))
                .defaultIfEmpty(Validation.invalid())
                .onErrorResume(CrossAppTokenVerifier.InvalidSessionTokenException.class,
                        e -> Mono.just(Validation.invalid()));
    }

    /** Never more than the app holds now, never more than the token was issued with. */
    private static List<String> granted(CurrentUser session, List<String> appPermissions) {
        Set<String> scopes = session.scopes();
        return appPermissions.stream().filter(scopes::contains).toList();
    }
}
