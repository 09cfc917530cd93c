package io.plinth.credit.api;

import io.plinth.credit.api.CreditDtos.BalanceResponse;
import io.plinth.credit.api.CreditDtos.CaptureRequest;
import io.plinth.credit.api.CreditDtos.ConsumeRequest;
import io.plinth.credit.api.CreditDtos.ConsumeResponse;
import io.plinth.credit.api.CreditDtos.HoldRequest;
import io.plinth.credit.api.CreditDtos.HoldResponse;
import io.plinth.credit.api.CreditDtos.PageResponse;
import io.plinth.credit.api.CreditDtos.TierResponse;
import io.plinth.credit.api.CreditDtos.TransactionResponse;
import io.plinth.credit.hold.HoldService;
import io.plinth.credit.ledger.LedgerService;
import io.plinth.credit.ledger.TransferIds;
import io.plinth.credit.ledger.TransferKind;
import io.plinth.credit.ledger.TransferRequest;
import io.plinth.credit.ledger.WalletQueries;
import io.plinth.credit.tier.Tier;
import io.plinth.credit.tier.TierPolicy;
import io.plinth.platform.idempotency.Idempotent;
import io.plinth.platform.problem.ApiException;
import io.plinth.platform.security.CurrentUser;
import jakarta.validation.Valid;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The signed-in user's own credits. Every query is scoped to the token's tenant and user. */
@RestController
@RequestMapping("/api/v1/credits")
class CreditController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final LedgerService ledger;
    private final HoldService holds;
    private final WalletQueries queries;
    private final TierPolicy policy;

    CreditController(LedgerService ledger, HoldService holds, WalletQueries queries, TierPolicy policy) {
        this.ledger = ledger;
        this.holds = holds;
        this.queries = queries;
        this.policy = policy;
    }

    @GetMapping("/balance")
    Mono<BalanceResponse> balance(CurrentUser user) {
        return queries.balance(user.tenantId(), user.userId()).map(BalanceResponse::of)
                .onErrorMap(CreditProblems::toApi);
    }

    @GetMapping("/transactions")
    Mono<PageResponse<TransactionResponse>> transactions(CurrentUser user,
            @RequestParam(name = "limit", required = false) Integer limit,
            @RequestParam(name = "cursor", required = false) String cursor) {
        int size = pageSize(limit);
        return queries.history(user.tenantId(), user.userId(), cursor, size)
                .map(page -> new PageResponse<>(page.items().stream().map(TransactionResponse::of).toList(),
                        page.nextCursor()))
                .onErrorMap(CreditProblems::toApi);
    }

    @Idempotent
    @PostMapping("/consume")
    Mono<ConsumeResponse> consume(CurrentUser user, @RequestHeader(IDEMPOTENCY_KEY) String idempotencyKey,
            @Valid @RequestBody ConsumeRequest body) {
        TransferRequest request = new TransferRequest(
                TransferIds.fromIdempotencyKey("consume", user.tenantId(), user.userId(), idempotencyKey),
                user.tenantId(), user.userId(), TransferKind.CONSUME, body.credits(), body.description(),
                body.metadata(), body.service());
        return ledger.post(request)
                .map(posted -> new ConsumeResponse(posted.transfer().id(), posted.transfer().walletBalance()))
                .onErrorMap(CreditProblems::toApi);
    }

    @Idempotent
    @PostMapping("/holds")
    Mono<ResponseEntity<HoldResponse>> placeHold(CurrentUser user,
            @RequestHeader(IDEMPOTENCY_KEY) String idempotencyKey, @Valid @RequestBody HoldRequest body) {
        HoldService.NewHold request = new HoldService.NewHold(
                TransferIds.fromIdempotencyKey("hold", user.tenantId(), user.userId(), idempotencyKey),
                user.tenantId(), user.userId(), body.credits(), body.service(), body.reference(), body.description(),
                body.expiresInSeconds() == null ? null : Duration.ofSeconds(body.expiresInSeconds()));
        return holds.place(request)
                .map(placed -> ResponseEntity.status(placed.replayed() ? HttpStatus.OK : HttpStatus.CREATED)
                        .body(HoldResponse.of(placed.hold())))
                .onErrorMap(CreditProblems::toApi);
    }

    @GetMapping("/holds/{holdId}")
    Mono<HoldResponse> hold(CurrentUser user, @PathVariable("holdId") String holdId) {
        return holds.find(user.tenantId(), user.userId(), parseHoldId(holdId)).map(HoldResponse::of)
                .onErrorMap(CreditProblems::toApi);
    }

    @Idempotent
    @PostMapping("/holds/{holdId}/capture")
    Mono<HoldResponse> capture(CurrentUser user, @PathVariable("holdId") String holdId,
            @Valid @RequestBody(required = false) CaptureRequest body) {
        Long credits = body == null ? null : body.credits();
        return holds.capture(user.tenantId(), user.userId(), parseHoldId(holdId), credits).map(HoldResponse::of)
                .onErrorMap(CreditProblems::toApi);
    }

    @Idempotent
    @PostMapping("/holds/{holdId}/release")
    Mono<HoldResponse> release(CurrentUser user, @PathVariable("holdId") String holdId) {
        return holds.release(user.tenantId(), user.userId(), parseHoldId(holdId), "released")
                .map(HoldResponse::of)
                .onErrorMap(CreditProblems::toApi);
    }

    @GetMapping("/tiers")
    List<TierResponse> tiers() {
        return Arrays.stream(Tier.values())
                .map(tier -> new TierResponse(tier.wireName(),
                        policy.dailyLimits().getOrDefault(tier, Map.of()), policy.startingCredits(tier)))
                .toList();
    }

    static int pageSize(Integer limit) {
        if (limit == null) {
            return 20;
        }
        if (limit < 1 || limit > 100) {
            throw ApiException.badRequest("invalid_parameter", "limit must be between 1 and 100");
        }
        return limit;
    }

    /** An id that is not a UUID cannot name any hold: same answer as an unknown one. */
    static UUID parseHoldId(String holdId) {
        try {
            return UUID.fromString(holdId);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("hold " + holdId + " not found");
        }
    }
}
