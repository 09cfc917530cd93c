package io.plinth.sandbox.zoom;

import io.plinth.sandbox.delivery.WebhookDelivery;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
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
import org.springframework.web.util.HtmlUtils;

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

    /**
     * What a browser shows for a meeting's {@code join_url} and {@code start_url}: real Zoom opens its client there;
     * the sandbox names the meeting and says how to play the host, instead of a bare 404 error page.
     */
    @GetMapping({"/zoom/j/{id}", "/zoom/s/{id}"})
    ResponseEntity<String> link(ServerWebExchange exchange, @PathVariable long id,
            @RequestParam(name = "pwd", required = false) String pwd,
            @RequestParam(name = "zak", required = false) String zak) {
        boolean host = exchange.getRequest().getPath().value().startsWith("/zoom/s/");
        Map<String, Object> meeting = account.linked(id, host, host ? zak : pwd);
        String body = meeting == null
                ? "<h1>Zoom (sandbox)</h1><p>This meeting link is not valid.</p>"
                : """
                        <h1>Zoom (sandbox)</h1>
                        <p>%s <strong>%s</strong> — meeting %d, %s, %d min, <span id="status">%s</span>.</p>
                        <p>Real Zoom opens its app here. In the sandbox the host starts and ends the meeting with
                        <code>POST /_sandbox/zoom/meetings/%d/start</code> and <code>…/end</code>, which send Zoom's signed
                        webhooks to the platform.</p>
                        """.formatted(host ? "Start as host:" : "Join:",
                        HtmlUtils.htmlEscape(String.valueOf(meeting.get("topic"))), id,
                        HtmlUtils.htmlEscape(String.valueOf(meeting.get("start_time"))), meeting.get("duration"),
                        HtmlUtils.htmlEscape(String.valueOf(meeting.get("status"))), id);
        return ResponseEntity.status(meeting == null ? HttpStatus.NOT_FOUND : HttpStatus.OK)
                .contentType(MediaType.TEXT_HTML)
                .body("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Zoom (sandbox)</title></head>"
                        + "<body>" + body + "</body></html>");
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
