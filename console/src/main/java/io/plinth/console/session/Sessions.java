package io.plinth.console.session;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.plinth.console.platform.ApiProblem;
import io.plinth.console.platform.PlatformApi;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Sign-in, refresh and sign-out, through auth-service's own token API: the console mints nothing. */
@Component
class Sessions {

    record TokenPair(String accessToken, String refreshToken, String tokenType, long expiresIn) {

        Duration accessAge() {
            return Duration.ofSeconds(Math.max(1, expiresIn));
        }
    }

    record Me(String userId, String email, List<String> roles) {
        boolean isAdmin() {
            return roles != null && roles.contains(Operator.ADMIN);
        }
    }

    private final PlatformApi api;

    Sessions(PlatformApi api) {
        this.api = api;
    }

    /**
     * @param browser the operator's address as the gateway decided it for the request to the console, or null.
     *                Sent on as {@code X-Forwarded-For}: auth-service's login throttling keys on the caller's
     *                address, and every console login reaches the gateway from the console's own address, so one
     *                stranger failing a few sign-ins on the public login page would lock every operator out. The
     *                gateway believes the header only when the console's address is one of its trusted proxies
     *                ({@code PLINTH_GATEWAY_TRUSTED_PROXIES}); otherwise it is ignored and the console's address
     *                counts, as before.
     */
    Mono<TokenPair> login(String email, String password, String browser) {
        return api.send(null, HttpMethod.POST, u -> u.path("/api/v1/auth/login").build(),
                Map.of("email", email, "password", password),
                browser == null ? Map.of() : Map.of("X-Forwarded-For", browser), TokenPair.class);
    }

    Mono<Me> me(String accessToken) {
        return api.get(accessToken, u -> u.path("/api/v1/auth/me").build(), Me.class);
    }

    Mono<TokenPair> refresh(String refreshToken) {
        return api.send(null, HttpMethod.POST, u -> u.path("/api/v1/auth/refresh").build(),
                Map.of("refreshToken", refreshToken), Map.of(), TokenPair.class);
    }

    /** Revokes the refresh family; a sign-out that cannot reach the platform still clears the browser's cookies. */
    Mono<Void> logout(String accessToken, String refreshToken) {
        if (refreshToken == null) {
            return Mono.empty();
        }
        return api.send(accessToken, HttpMethod.POST, u -> u.path("/api/v1/auth/logout").build(),
                        Map.of("refreshToken", refreshToken), Map.of(), String.class)
                .onErrorResume(ApiProblem.class, e -> Mono.empty())
                .then();
    }
}
