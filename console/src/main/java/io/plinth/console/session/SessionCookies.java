package io.plinth.console.session;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import org.springframework.http.HttpCookie;
import org.springframework.http.ResponseCookie;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;

/**
 * The operator's tokens live in two cookies that scripts cannot read ({@code HttpOnly}), that no other site's page
 * can make the browser send ({@code SameSite=Strict}), scoped to the console's paths, and {@code Secure} whenever
 * the browser reached us over https — directly or through a proxy that says so in {@code X-Forwarded-Proto}
 * (the gateway passes the ingress's header on). Over plain http, as on a laptop's devstack, a Secure cookie would
 * never come back, so there it is left off. Behind a gateway that does not pass the ingress's header on,
 * {@code PLINTH_CONSOLE_SECURE_COOKIES=true} makes them Secure regardless ({@link SecureCookiesFilter}).
 */
final class SessionCookies {

    static final String ACCESS = "plinth_console_access";
    static final String REFRESH = "plinth_console_refresh";
    /** Whom the header names: the operator's email, which access tokens do not carry, bound to their user id. */
    static final String WHO = "plinth_console_who";
    static final String PATH = "/console";
    /** The refresh token's own lifetime is the platform's; the browser keeps the cookie no longer than a working day. */
    static final Duration REFRESH_COOKIE_AGE = Duration.ofHours(12);

    private SessionCookies() {
    }

    static String access(ServerWebExchange exchange) {
        return value(exchange, ACCESS);
    }

    static String refresh(ServerWebExchange exchange) {
        return value(exchange, REFRESH);
    }

    static void store(ServerWebExchange exchange, String accessToken, Duration accessAge, String refreshToken) {
        boolean secure = isHttps(exchange);
        exchange.getResponse().addCookie(cookie(ACCESS, accessToken, accessAge, secure));
        exchange.getResponse().addCookie(cookie(REFRESH, refreshToken, REFRESH_COOKIE_AGE, secure));
    }

    static void clear(ServerWebExchange exchange) {
        boolean secure = isHttps(exchange);
        exchange.getResponse().addCookie(cookie(ACCESS, "", Duration.ZERO, secure));
        exchange.getResponse().addCookie(cookie(REFRESH, "", Duration.ZERO, secure));
        exchange.getResponse().addCookie(cookie(WHO, "", Duration.ZERO, secure));
    }

    /** Remembers the signed-in operator's email for the header (display only: nothing is decided on it). */
    static void storeWho(ServerWebExchange exchange, String userId, String email) {
        if (userId == null || email == null) {
            return;
        }
        String value = Base64.getUrlEncoder().withoutPadding()
                .encodeToString((userId + "\n" + email).getBytes(StandardCharsets.UTF_8));
        exchange.getResponse().addCookie(cookie(WHO, value, REFRESH_COOKIE_AGE, isHttps(exchange)));
    }

    /** The email remembered for this user id; null when none is, or it was remembered for someone else. */
    static String who(ServerWebExchange exchange, String userId) {
        String value = value(exchange, WHO);
        if (value == null || userId == null || value.length() > 1024) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8).split("\n", 2);
            return parts.length == 2 && parts[0].equals(userId) && !parts[1].isBlank() ? parts[1] : null;
        } catch (IllegalArgumentException e) {
            return null; // not ours: the header falls back to the user id
        }
    }

    static ResponseCookie cookie(String name, String value, Duration age, boolean secure) {
        return ResponseCookie.from(name, value).httpOnly(true).secure(secure).sameSite("Strict").path(PATH)
                .maxAge(age).build();
    }

    static boolean isHttps(ServerWebExchange exchange) {
        ServerHttpRequest request = exchange.getRequest();
        if (Boolean.TRUE.equals(exchange.getAttribute(SecureCookiesFilter.ALWAYS))
                || "https".equalsIgnoreCase(request.getURI().getScheme())) {
            return true;
        }
        List<String> forwarded = request.getHeaders().getOrEmpty("X-Forwarded-Proto");
        return forwarded.stream().flatMap(v -> java.util.Arrays.stream(v.split(",")))
                .anyMatch(proto -> proto.trim().equalsIgnoreCase("https"));
    }

    private static String value(ServerWebExchange exchange, String name) {
        HttpCookie cookie = exchange.getRequest().getCookies().getFirst(name);
        return cookie == null || cookie.getValue().isBlank() ? null : cookie.getValue();
    }
}
