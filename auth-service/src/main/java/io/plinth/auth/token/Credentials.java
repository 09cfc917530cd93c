package io.plinth.auth.token;

import java.time.Duration;

import io.plinth.auth.account.Accounts;
import io.plinth.auth.account.EmailAddress;
import io.plinth.auth.account.PasswordHasher;
import io.plinth.auth.account.User;
import io.plinth.platform.problem.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Email + password checks with lockout. A wrong email and a wrong password give the same 401 after the
 * same Argon2 work; a locked account or address gives 429 with Retry-After before any work is done.
 */
@Service
public class Credentials {

    private final Accounts accounts;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;

    Credentials(Accounts accounts, PasswordHasher hasher, LoginThrottle throttle) {
        this.accounts = accounts;
        this.hasher = hasher;
        this.throttle = throttle;
    }

    public Mono<User> authenticate(String email, String password, String clientAddress) {
        String accountKey = LoginThrottle.accountKey(EmailAddress.normalize(email));
        String addressKey = LoginThrottle.addressKey(clientAddress == null ? "unknown" : clientAddress);
        String candidate = password == null ? "" : password;
        return throttle.lockedFor(accountKey, addressKey)
                .flatMap(locked -> locked.isZero() ? Mono.empty() : Mono.error(locked(locked)))
                .then(email == null || email.isBlank() ? Mono.<User>empty() : accounts.findByEmail(email))
                .map(java.util.Optional::of)
                .defaultIfEmpty(java.util.Optional.empty())
                .flatMap(user -> hasher.verifyOrBurn(candidate, user.map(User::passwordHash).orElse(null))
                        .flatMap(ok -> ok
                                ? throttle.reset(accountKey).thenReturn(user.get())
                                : throttle.recordFailure(accountKey, addressKey).then(Mono.error(invalid()))));
    }

    private static ApiException invalid() {
        return new ApiException(HttpStatus.UNAUTHORIZED, "invalid_credentials", "Wrong email or password");
    }

    private static ApiException locked(Duration remaining) {
        long seconds = Math.max(1, remaining.toSeconds() + (remaining.toMillisPart() > 0 ? 1 : 0));
        return ApiException.tooManyRequests("login_locked",
                "Too many failed logins; try again in " + seconds + " seconds", Duration.ofSeconds(seconds));
    }
}
