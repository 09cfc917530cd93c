package io.plinth.sandbox.zoom;

import io.plinth.sandbox.delivery.WebhookDelivery;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/**
 * Zoom's OAuth ({@code POST /oauth/token?grant_type=account_credentials&account_id=…}, Basic client id:secret), its
 * API ({@code GET /v2/users/me}, {@code POST /v2/users/me/meetings}, {@code GET /v2/meetings/{id}}) and the controls
 * {@code POST /_sandbox/zoom/apps} (a new S2S OAuth app) and {@code POST /_sandbox/zoom/meetings/{id}/start|end}
 * (plays the host and sends the signed meeting webhook).
 */
@RestController
class ZoomController {

    private final ZoomAccount account;

    ZoomController(ZoomAccount account) {
        this.account = account;
    }

    @PostMapping(path = "/oauth/token", params = "grant_type=account_credentials")
    Map<String, Object> token(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestParam(name = "account_id", required = false) String accountId) {
        return account.token(authorization, accountId);
    }

    @GetMapping("/v2/users/me")
    Map<String, Object> me(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        return account.me(authorization);
    }

    @PostMapping("/v2/users/me/meetings")
    ResponseEntity<Map<String, Object>> create(ServerWebExchange exchange,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestBody Map<String, Object> body) {
        URI uri = exchange.getRequest().getURI();
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(account.create(authorization, body, uri.getScheme() + "://" + uri.getRawAuthority() + "/zoom"));
    }

    @GetMapping("/v2/meetings/{id}")
    Map<String, Object> get(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @PathVariable long id) {
        return account.get(authorization, id);
    }

    @PostMapping("/_sandbox/zoom/apps")
    ResponseEntity<Map<String, Object>> register() {
        return ResponseEntity.status(HttpStatus.CREATED).body(account.register());
    }

    @PostMapping("/_sandbox/zoom/meetings/{id}/start")
    Map<String, Object> start(@PathVariable long id) {
        return account.event(id, true);
    }

    @PostMapping("/_sandbox/zoom/meetings/{id}/end")
    Map<String, Object> end(@PathVariable long id) {
        return account.event(id, false);
    }

    @ExceptionHandler(ZoomError.class)
    ResponseEntity<Object> error(ZoomError error) {
        return ResponseEntity.status(error.status()).body(error.body());
    }

    @Configuration(proxyBeanMethods = false)
    static class ZoomSandboxConfiguration {
        @Bean
        ZoomAccount zoomAccount(WebhookDelivery delivery) {
            return new ZoomAccount(delivery, Clock.systemUTC());
        }
    }
}
