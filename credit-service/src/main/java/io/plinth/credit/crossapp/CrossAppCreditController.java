package io.plinth.credit.crossapp;

import io.plinth.credit.ledger.LedgerService;
import io.plinth.credit.ledger.TransferIds;
import io.plinth.credit.ledger.TransferKind;
import io.plinth.credit.ledger.TransferRequest;
import io.plinth.credit.ledger.WalletQueries;
import io.plinth.credit.refusal.CreditException;
import io.plinth.credit.refusal.Refusal;
import io.plinth.platform.idempotency.IdempotencyKeyWebFilter;
import io.plinth.platform.idempotency.Idempotent;
import io.plinth.platform.security.CurrentUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Registered apps check and spend their users' credits. The app's session token travels in the
 * body and is the credential (the app got it from auth-service with its API key and the user's
 * password): it must be signed by auth-service, issued to this very app ({@code aud=app:{appId}}),
 * still live there (see {@link AppSessions}) and carry the permission for the operation.
 * The user is the token's subject in the token's tenant; a user without a wallet there is 404.
 */
@RestController
@RequestMapping("/api/v1/cross-app/credits")
class CrossAppCreditController {

    static final String READ_CREDITS = "read_credits";
    static final String CONSUME_CREDITS = "consume_credits";

    private final AppSessions sessions;
    private final WalletQueries queries;
    private final LedgerService ledger;

    CrossAppCreditController(AppSessions sessions, WalletQueries queries, LedgerService ledger) {
        this.sessions = sessions;
        this.queries = queries;
        this.ledger = ledger;
    }

    record CheckRequest(
            @NotBlank @Size(max = 8192) String sessionToken,
            @NotBlank @Size(max = 100) String appId,
            @PositiveOrZero Long requiredCredits) {
    }

    record CheckResponse(long currentBalance, boolean hasSufficientCredits) {
    }

    record CrossAppConsumeRequest(
            @NotBlank @Size(max = 8192) String sessionToken,
            @NotBlank @Size(max = 100) String appId,
            @NotNull @Positive @Max(1_000_000) Long credits,
            @NotBlank @Pattern(regexp = TransferRequest.SERVICE_PATTERN, message = "must be a lower-case service name")
            String service,
            @Size(max = 500) String description,
            @Size(max = 50) Map<String, Object> metadata) {
    }

    record CrossAppConsumeResponse(long newBalance, String transactionId) {
    }

    @PostMapping("/check")
    Mono<CheckResponse> check(@Valid @RequestBody CheckRequest body) {
        long required = body.requiredCredits() == null ? 0 : body.requiredCredits();
        return session(body.sessionToken(), body.appId(), READ_CREDITS)
                .flatMap(user -> queries.existingBalance(user.tenantId(), user.userId()))
                .map(balance -> new CheckResponse(balance.available(), balance.available() >= required));
    }

    @Idempotent
    @PostMapping("/consume")
    Mono<CrossAppConsumeResponse> consume(@RequestHeader(IdempotencyKeyWebFilter.HEADER) String idempotencyKey,
            @Valid @RequestBody CrossAppConsumeRequest body) {
        return session(body.sessionToken(), body.appId(), CONSUME_CREDITS)
                .flatMap(user -> queries.existingBalance(user.tenantId(), user.userId()).thenReturn(user))
                .flatMap(user -> {
                    Map<String, Object> metadata = new LinkedHashMap<>();
                    if (body.metadata() != null) {
                        metadata.putAll(body.metadata());
                    }
                    metadata.put("appId", body.appId());
                    return ledger.post(new TransferRequest(
                            TransferIds.fromIdempotencyKey("app-consume:" + body.appId(), user.tenantId(),
                                    user.userId(), idempotencyKey),
                            user.tenantId(), user.userId(), TransferKind.CONSUME, body.credits(), body.description(),
                            metadata, body.service()));
                })
                .map(posted -> new CrossAppConsumeResponse(posted.transfer().walletBalance(), posted.transfer().id()));
    }

    private Mono<CurrentUser> session(String token, String appId, String permission) {
        return sessions.current(token, appId)
                .flatMap(user -> user.hasScope(permission) ? Mono.just(user)
                        : Mono.error(new CreditException(Refusal.APP_NOT_PERMITTED,
                                "the app is not allowed to " + permission.replace('_', ' '))));
    }
}
