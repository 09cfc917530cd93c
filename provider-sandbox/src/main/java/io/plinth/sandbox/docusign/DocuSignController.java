package io.plinth.sandbox.docusign;

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
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * DocuSign's account server ({@code POST /oauth/token} JWT grant, {@code GET /oauth/userinfo}), its eSignature REST
 * API ({@code /restapi/v2.1/accounts/{accountId}/envelopes[/{id}]}) and the sandbox's controls:
 * {@code POST /_sandbox/docusign/apps} registers an app ({@code GET …/apps/{integrationKey}} counts its tokens), {@code POST /_sandbox/docusign/envelopes/{id}/complete|decline}
 * plays the signer and sends the Connect webhook. Zoom's token request shares the path {@code /oauth/token}; its
 * {@code grant_type=account_credentials} query parameter routes it to Zoom's controller.
 */
@RestController
class DocuSignController {

    private final DocuSignAccount account;

    DocuSignController(DocuSignAccount account) {
        this.account = account;
    }

    @PostMapping(path = "/oauth/token", params = "!grant_type")
    Mono<Map<String, Object>> token(ServerWebExchange exchange) {
        String host = exchange.getRequest().getURI().getHost();
        return exchange.getFormData().map(form -> account.token(form.getFirst("grant_type"), form.getFirst("assertion"), host));
    }

    @GetMapping("/oauth/userinfo")
    Map<String, Object> userinfo(ServerWebExchange exchange,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        URI uri = exchange.getRequest().getURI();
        return account.userinfo(authorization, uri.getScheme() + "://" + uri.getRawAuthority());
    }

    @PostMapping("/restapi/v2.1/accounts/{accountId}/envelopes")
    ResponseEntity<Map<String, Object>> create(@PathVariable String accountId,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestBody Map<String, Object> body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(account.createEnvelope(authorization, accountId, body));
    }

    @GetMapping("/restapi/v2.1/accounts/{accountId}/envelopes/{envelopeId}")
    Map<String, Object> get(@PathVariable String accountId, @PathVariable String envelopeId,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        return account.envelope(authorization, accountId, envelopeId);
    }

    record Registration(String publicKey) {
    }

    @PostMapping("/_sandbox/docusign/apps")
    ResponseEntity<Map<String, Object>> register(@RequestBody(required = false) Registration body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(account.register(body == null ? null : body.publicKey()));
    }

    @GetMapping("/_sandbox/docusign/apps/{integrationKey}")
    Map<String, Object> app(@PathVariable String integrationKey) {
        return account.appView(integrationKey);
    }

    @PostMapping("/_sandbox/docusign/envelopes/{envelopeId}/complete")
    Map<String, Object> complete(@PathVariable String envelopeId) {
        return account.finish(envelopeId, true, null);
    }

    record Decline(String reason) {
    }

    @PostMapping("/_sandbox/docusign/envelopes/{envelopeId}/decline")
    Map<String, Object> decline(@PathVariable String envelopeId, @RequestBody(required = false) Decline body) {
        return account.finish(envelopeId, false, body == null ? null : body.reason());
    }

    @ExceptionHandler(DocuSignError.class)
    ResponseEntity<Object> error(DocuSignError error) {
        return ResponseEntity.status(error.status()).body(error.body());
    }

    @Configuration(proxyBeanMethods = false)
    static class DocuSignSandboxConfiguration {
        @Bean
        DocuSignAccount docuSignAccount(WebhookDelivery delivery) {
            return new DocuSignAccount(delivery, Clock.systemUTC());
        }
    }
}
