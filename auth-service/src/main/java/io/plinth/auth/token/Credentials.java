package io.plinth.auth.token;

import java.time.Duration;
import java.util.Optional;

import io.plinth.auth.account.Accounts;
import io.plinth.auth.account.EmailAddress;
import io.plinth.auth.account.PasswordHasher;
import io.plinth.auth.account.User;
import io.plinth.auth.config.AuthProperties;
import io.plinth.auth.refusal.AuthException;
import io.plinth.auth.refusal.Refusal;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Email + password checks with lockout. A wrong email and a wrong password give the same 401 after the
 * same Argon2 work; a locked account+address pair or address gives 429 with Retry-After before any work
 * is done; an account under attack from many addresses is slowed, not locked ({@link LoginThrottle}).
 */
@Service
public class Credentials {

    private final Accounts accounts;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final Duration ceilingDelay;

    Credentials(Accounts accounts, PasswordHasher hasher, LoginThrottle throttle, AuthProperties props) {
        this.accounts = accounts;
        this.hasher = hasher;
        this.throttle = throttle;
        this.ceilingDelay = props.lockout().ceilingDelay();
    }

    public Mono<User> authenticate(String email, String password, String clientAddress) {
        String normalized = EmailAddress.normalize(email);
        String address = clientAddress == null || clientAddress.isBlank() ? "unknown" : clientAddress;
        String candidate = password == null ? "" : password;
        return throttle.admit(normalized, address)
                .onErrorMap(LoginThrottle.Locked.class, e -> locked(e.remaining()))
                .flatMap(admission -> (admission.slowed() ? Mono.delay(ceilingDelay).then() : Mono.<Void>empty())
                        .then(email == null || email.isBlank() ? Mono.<User>empty() : accounts.findByEmail(email))
                        .map(Optional::of)
                        .defaultIfEmpty(Optional.empty())
                        .flatMap(user -> hasher.verifyOrBurn(candidate, user.map(User::passwordHash).orElse(null))
                                // A failure was already counted when the attempt was admitted.
                                .flatMap(ok -> ok
                                        ? throttle.succeeded(admission).thenReturn(user.get())
                                        : Mono.error(invalid()))));
    }

    private static AuthException invalid() {
        return new AuthException(Refusal.INVALID_CREDENTIALS, "Wrong email or password");
    }

    private static AuthException locked(Duration remaining) {
        long seconds = Math.max(1, remaining.toSeconds() + (remaining.toMillisPart() > 0 ? 1 : 0));
        return AuthException.loginLocked(
                "Too many failed logins; try again in " + seconds + " seconds", Duration.ofSeconds(seconds));
    }
}
