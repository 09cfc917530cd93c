package io.plinth.integration.webhook;

import io.plinth.platform.callback.CallbackTokens;
import java.util.List;

/**
 * M-Pesa callbacks are unsigned: the proof is the per-payment token payment-service put in the callback URL
 * ({@link CallbackTokens}). A valid token only says the URL was ours; payment-service still confirms the payment
 * with Daraja's status query before any money counts.
 */
final class CallbackTokenCheck implements SignatureCheck {

    static final String FIELD = "callbackToken";

    private final List<String> secrets;

    CallbackTokenCheck(List<String> secrets) {
        this.secrets = List.copyOf(secrets);
    }

    @Override
    public Verdict check(SignedRequest request, long now) {
        String token = request.pathToken();
        if (token == null || token.isBlank()) {
            return Verdict.missing(FIELD);
        }
        return CallbackTokens.verify(secrets, token).isPresent() ? Verdict.verified(FIELD, 0)
                : Verdict.invalid(FIELD, "The callback token was not issued by Plinth.");
    }
}
