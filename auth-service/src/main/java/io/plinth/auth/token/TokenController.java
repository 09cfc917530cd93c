package io.plinth.auth.token;

import io.plinth.auth.config.AuthProperties;
import io.plinth.web.ClientAddressHeader;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/v1/auth")
class TokenController {

    private final Sessions sessions;
    private final AuthProperties props;

    TokenController(Sessions sessions, AuthProperties props) {
        this.sessions = sessions;
        this.props = props;
    }

    record LoginRequest(String email, String password) {
    }

    record RefreshRequest(String refreshToken) {
    }

    record TokenResponse(String accessToken, String refreshToken, String tokenType, long expiresIn) {
        static TokenResponse of(Sessions.TokenPair pair) {
            return new TokenResponse(pair.accessToken(), pair.refreshToken(), "Bearer", pair.expiresIn().toSeconds());
        }
    }

    @PostMapping("/login")
    Mono<TokenResponse> login(@RequestBody LoginRequest request, ServerHttpRequest http) {
        return sessions.login(request.email(), request.password(), clientAddress(http))
                .map(TokenResponse::of);
    }

    @PostMapping("/refresh")
    Mono<TokenResponse> refresh(@RequestBody RefreshRequest request) {
        return sessions.refresh(request.refreshToken()).map(TokenResponse::of);
    }

    /** Authenticated by possession of the refresh token, so it also works after the access token expired. */
    @PostMapping("/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> logout(@RequestBody RefreshRequest request) {
        return sessions.logout(request.refreshToken());
    }

    private String clientAddress(ServerHttpRequest http) {
        return ClientAddress.of(http.getHeaders().getFirst(ClientAddressHeader.NAME), http.getRemoteAddress(),
                props.trustGatewayClientAddress());
    }
}
