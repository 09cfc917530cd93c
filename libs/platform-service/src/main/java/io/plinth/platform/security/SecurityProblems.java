package io.plinth.platform.security;

import java.nio.charset.StandardCharsets;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * 401 and 403 in the platform's problem+json shape. The detail never echoes the token or the exact
 * validation failure (which would help an attacker tune a forgery); it says what the client must do.
 */
public final class SecurityProblems {

    public static final String TYPE_BASE = "https://plinth.io/problems/";

    private SecurityProblems() {
    }

    public static ServerAuthenticationEntryPoint entryPoint() {
        return (exchange, ex) -> unauthorized(exchange, ex);
    }

    public static ServerAccessDeniedHandler accessDeniedHandler() {
        return (exchange, ex) -> write(exchange, HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
                "You are not allowed to do this.");
    }

    public static Mono<Void> unauthorized(ServerWebExchange exchange, AuthenticationException ex) {
        boolean badToken = ex instanceof InvalidBearerTokenException
                || exchange.getRequest().getHeaders().containsHeader(HttpHeaders.AUTHORIZATION);
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE,
                badToken ? "Bearer error=\"invalid_token\"" : "Bearer");
        return write(exchange, HttpStatus.UNAUTHORIZED, badToken ? "invalid_token" : "unauthorized", "Unauthorized",
                badToken ? "The bearer token is invalid, expired or not meant for this API."
                        : "A bearer token is required.");
    }

    public static Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String code, String title,
                                   String detail) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        String body = "{\"type\":\"" + TYPE_BASE + code + "\",\"title\":\"" + title + "\",\"status\":" + status.value()
                + ",\"detail\":\"" + detail + "\",\"code\":\"" + code + "\",\"instance\":\""
                + json(exchange.getRequest().getPath().value()) + "\"}";
        DataBuffer buffer = response.bufferFactory().wrap(body.getBytes(StandardCharsets.UTF_8));
        return response.writeWith(Mono.just(buffer));
    }

    private static String json(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
