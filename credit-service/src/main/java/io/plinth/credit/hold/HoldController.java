package io.plinth.credit.hold;

import io.plinth.credit.ledger.TransferIds;
import io.plinth.credit.ledger.TransferRequest;
import io.plinth.platform.idempotency.IdempotencyKeyWebFilter;
import io.plinth.platform.idempotency.Idempotent;
import io.plinth.platform.problem.ApiException;
import io.plinth.platform.security.CurrentUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Two-phase spends of the caller's credits. A hold is settled (captured or released) only by whoever
 * placed it or an admin of the tenant; to anyone else it does not exist (404).
 */
@RestController
@RequestMapping("/api/v1/credits/holds")
class HoldController {

    private final HoldService holds;

    HoldController(HoldService holds) {
        this.holds = holds;
    }

    record HoldRequest(
            @NotNull @Positive @Max(1_000_000) Long credits,
            @NotBlank @Pattern(regexp = TransferRequest.SERVICE_PATTERN, message = "must be a lower-case service name")
            String service,
            @Size(max = 200) String reference,
            @Size(max = 500) String description,
            @Positive Long expiresInSeconds) {
    }

    record CaptureRequest(@PositiveOrZero Long credits) {
    }

    /** @param placedBy who placed the hold ({@code user:{id}} or {@code app:{id}}): only they or an admin settle it */
    record HoldResponse(String holdId, String userId, long credits, long captured, long released, String state,
            String service, String reference, Instant expiresAt, Instant createdAt, Instant settledAt,
            String placedBy) {

        static HoldResponse of(Hold h) {
            return new HoldResponse(h.id().toString(), h.userId(), h.amount(), h.captured(), h.released(),
                    h.state().name().toLowerCase(), h.service(), h.reference(), h.expiresAt(), h.createdAt(),
                    h.settledAt(), h.placedBy());
        }
    }

    @Idempotent
    @PostMapping
    Mono<ResponseEntity<HoldResponse>> place(CurrentUser user,
            @RequestHeader(IdempotencyKeyWebFilter.HEADER) String idempotencyKey, @Valid @RequestBody HoldRequest body) {
        HoldCaller caller = callerOf(user);
        HoldService.NewHold request = new HoldService.NewHold(
                TransferIds.fromIdempotencyKey("hold", user.tenantId(), user.userId(), idempotencyKey),
                user.tenantId(), user.userId(), body.credits(), body.service(), body.reference(), body.description(),
                body.expiresInSeconds() == null ? null : Duration.ofSeconds(body.expiresInSeconds()),
                caller.principal());
        return holds.place(request)
                .map(placed -> ResponseEntity.status(placed.replayed() ? HttpStatus.OK : HttpStatus.CREATED)
                        .body(HoldResponse.of(placed.hold())));
    }

    @GetMapping("/{holdId}")
    Mono<HoldResponse> hold(CurrentUser user, @PathVariable("holdId") String holdId) {
        return holds.find(callerOf(user), parseHoldId(holdId)).map(HoldResponse::of);
    }

    @Idempotent
    @PostMapping("/{holdId}/capture")
    Mono<HoldResponse> capture(CurrentUser user, @PathVariable("holdId") String holdId,
            @Valid @RequestBody(required = false) CaptureRequest body) {
        Long credits = body == null ? null : body.credits();
        return holds.capture(callerOf(user), parseHoldId(holdId), credits).map(HoldResponse::of);
    }

    @Idempotent
    @PostMapping("/{holdId}/release")
    Mono<HoldResponse> release(CurrentUser user, @PathVariable("holdId") String holdId) {
        return holds.release(callerOf(user), parseHoldId(holdId), "released").map(HoldResponse::of);
    }

    static HoldCaller callerOf(CurrentUser user) {
        return user.isApp() ? HoldCaller.app(user.tenantId(), user.appId())
                : HoldCaller.user(user.tenantId(), user.userId(), user.isAdmin());
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
