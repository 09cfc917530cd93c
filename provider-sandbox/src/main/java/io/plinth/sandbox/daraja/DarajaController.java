package io.plinth.sandbox.daraja;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Daraja's OAuth, STK push and STK query (PROVIDERS.md), and the phone's side under {@code /_sandbox/mpesa}. */
@RestController
class DarajaController {

    private final DarajaAccount account;

    DarajaController(DarajaAccount account) {
        this.account = account;
    }

    @GetMapping("/oauth/v1/generate")
    Map<String, Object> token(@RequestParam(name = "grant_type", required = false) String grantType,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        if (!"client_credentials".equals(grantType)) {
            throw new DarajaError(400, "400.008.02", "Invalid grant type passed");
        }
        return Map.of("access_token", account.issueToken(authorization),
                "expires_in", Long.toString(DarajaAccount.TOKEN_LIFETIME.toSeconds()));
    }

    @PostMapping("/mpesa/stkpush/v1/processrequest")
    Map<String, Object> push(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestBody Map<String, Object> body) {
        account.requireToken(authorization);
        DarajaAccount.Push push = account.push(body);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("MerchantRequestID", push.merchantRequestId());
        answer.put("CheckoutRequestID", push.checkoutRequestId());
        answer.put("ResponseCode", "0");
        answer.put("ResponseDescription", "Success. Request accepted for processing");
        answer.put("CustomerMessage", "Success. Request accepted for processing");
        return answer;
    }

    @PostMapping("/mpesa/stkpushquery/v1/query")
    ResponseEntity<Map<String, Object>> query(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestBody Map<String, Object> body) {
        account.requireToken(authorization);
        DarajaAccount.Push push = account.query(body);
        if (push.state() == DarajaAccount.State.PENDING) {
            throw new DarajaError(500, "500.001.1001", "The transaction is being processed");
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("ResponseCode", "0");
        answer.put("ResponseDescription", "The service request has been accepted successsfully");
        answer.put("MerchantRequestID", push.merchantRequestId());
        answer.put("CheckoutRequestID", push.checkoutRequestId());
        answer.put("ResultCode", push.resultCode());
        answer.put("ResultDesc", push.resultDesc());
        return ResponseEntity.ok(answer);
    }

    /** The customer enters their PIN. */
    @PostMapping("/_sandbox/mpesa/{checkoutRequestId}/accept")
    ResponseEntity<Object> accept(@PathVariable String checkoutRequestId) {
        return settle(checkoutRequestId, DarajaAccount.State.PAID);
    }

    /** The customer dismisses the prompt (ResultCode 1032). */
    @PostMapping("/_sandbox/mpesa/{checkoutRequestId}/cancel")
    ResponseEntity<Object> cancel(@PathVariable String checkoutRequestId) {
        return settle(checkoutRequestId, DarajaAccount.State.CANCELLED);
    }

    @GetMapping("/_sandbox/mpesa/pushes/{checkoutRequestId}")
    ResponseEntity<Object> push(@PathVariable String checkoutRequestId) {
        return account.find(checkoutRequestId).<ResponseEntity<Object>>map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.status(404).body(Map.of("error", "no push " + checkoutRequestId)));
    }

    /** How many OAuth tokens were issued (a client that caches its token asks once an hour). */
    @GetMapping("/_sandbox/mpesa/oauth")
    Map<String, Object> tokens() {
        return Map.of("tokensIssued", account.tokensIssued());
    }

    private ResponseEntity<Object> settle(String checkoutRequestId, DarajaAccount.State outcome) {
        return account.find(checkoutRequestId).isEmpty()
                ? ResponseEntity.status(404).body(Map.of("error", "no push " + checkoutRequestId))
                : ResponseEntity.ok(account.settle(checkoutRequestId, outcome).orElseThrow());
    }

    @ExceptionHandler(DarajaError.class)
    ResponseEntity<Object> error(DarajaError error) {
        return ResponseEntity.status(error.status()).body(error.body());
    }
}
