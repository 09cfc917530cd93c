package io.plinth.auth.apps;

import java.util.List;
import java.util.Map;

import io.plinth.auth.account.User;
import io.plinth.auth.config.AuthProperties;
import io.plinth.auth.token.ClientAddress;
import io.plinth.web.ClientAddressHeader;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Public routes for registered apps: they authenticate with X-API-Key, not a bearer token. */
@RestController
@RequestMapping("/api/v1/cross-app")
class CrossAppController {

    private final CrossAppSessions sessions;
    private final AuthProperties props;

    CrossAppController(CrossAppSessions sessions, AuthProperties props) {
        this.sessions = sessions;
        this.props = props;
    }

    record CrossAppAuthRequest(String appId, String email, String password, String appUserId,
                               Map<String, Object> appMetadata) {
    }

    /** Only what the app's permissions allow: the email only with read_user_info. */
    record AppUser(String userId, String tenantId, String email) {
        static AppUser of(User user, List<String> permissions) {
            return user == null ? null : new AppUser(user.id().toString(), user.tenantId(),
                    permissions.contains(Permission.READ_USER_INFO.scope()) ? user.email() : null);
        }
    }

    record CrossAppAuthResponse(String sessionToken, AppUser user, List<String> permissions, long expiresIn) {
    }

    record ValidateRequest(String sessionToken, String appId) {
    }

    record ValidateResponse(boolean valid, AppUser user, List<String> permissions) {
    }

    @PostMapping("/auth")
    Mono<CrossAppAuthResponse> auth(@RequestHeader(name = "X-API-Key", required = false) String apiKey,
                                    @RequestBody CrossAppAuthRequest request, ServerHttpRequest http) {
        return sessions.authenticate(request.appId(), apiKey, request.email(), request.password(),
                        clientAddress(http))
                .map(s -> new CrossAppAuthResponse(s.sessionToken(), AppUser.of(s.user(), s.permissions()),
                        s.permissions(), s.expiresIn()));
    }

    @PostMapping("/validate-token")
    Mono<ValidateResponse> validate(@RequestBody ValidateRequest request) {
        return sessions.validate(request.sessionToken(), request.appId())
                .map(v -> new ValidateResponse(v.valid(), AppUser.of(v.user(), v.permissions()), v.permissions()));
    }

    private String clientAddress(ServerHttpRequest http) {
        return ClientAddress.of(http.getHeaders().getFirst(ClientAddressHeader.NAME), http.getRemoteAddress(),
                props.trustGatewayClientAddress());
    }
}
