package io.plinth.credit.api;

import io.plinth.credit.hold.Hold;
import io.plinth.credit.ledger.Transfer;
import io.plinth.credit.ledger.WalletQueries;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Request and response bodies of the credits API (API.md, Credits). */
final class CreditDtos {

    private CreditDtos() {
    }

    static final String SERVICE_PATTERN = "[a-z0-9][a-z0-9._-]{0,63}";

    record ConsumeRequest(
            @NotNull @Positive @Max(1_000_000) Long credits,
            @NotBlank @Pattern(regexp = SERVICE_PATTERN, message = "must be a lower-case service name") String service,
            @Size(max = 500) String description,
            @Size(max = 50) Map<String, Object> metadata) {
    }

    record ConsumeResponse(String transactionId, long balance) {
    }

    record HoldRequest(
            @NotNull @Positive @Max(1_000_000) Long credits,
            @NotBlank @Pattern(regexp = SERVICE_PATTERN, message = "must be a lower-case service name") String service,
            @Size(max = 200) String reference,
            @Size(max = 500) String description,
            @Positive Long expiresInSeconds) {
    }

    record CaptureRequest(@PositiveOrZero Long credits) {
    }

    record HoldResponse(String holdId, String userId, long credits, long captured, long released, String state,
            String service, String reference, Instant expiresAt, Instant createdAt, Instant settledAt) {

        static HoldResponse of(Hold h) {
            return new HoldResponse(h.id().toString(), h.userId(), h.amount(), h.captured(), h.released(),
                    h.state().name().toLowerCase(), h.service(), h.reference(), h.expiresAt(), h.createdAt(),
                    h.settledAt());
        }
    }

    record BalanceResponse(long balance, long held, long available, boolean inDebt, String tier, Integer dailyLimit,
            int usedToday) {

        static BalanceResponse of(WalletQueries.Balance b) {
            return new BalanceResponse(b.balance(), b.held(), b.available(), b.inDebt(), b.tier().wireName(),
                    b.dailyLimit(), b.usedToday());
        }
    }

    /** One ledger line as the wallet owner sees it: amount is signed (+ in, − out). */
    record TransactionResponse(String id, String type, long amount, long balance, String service, String description,
            Map<String, Object> metadata, String holdId, Instant createdAt) {

        static TransactionResponse of(Transfer t) {
            return new TransactionResponse(t.id(), t.kind().name().toLowerCase(), t.walletDelta(), t.walletBalance(),
                    t.service(), t.description(), t.metadata(), t.holdId() == null ? null : t.holdId().toString(),
                    t.createdAt());
        }
    }

    record PageResponse<T>(List<T> items, String nextCursor) {
    }

    record TierResponse(String tier, Map<String, Integer> dailyLimits, long startingCredits) {
    }

    record GrantRequest(
            @NotNull @Positive @Max(10_000_000) Long credits,
            @NotBlank @Size(max = 500) String reason) {
    }

    record GrantResponse(String transactionId, String userId, long credits, long balance) {
    }

    record AdminWalletResponse(String userId, BalanceResponse balance, List<TransactionResponse> recentTransactions) {
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
            @NotBlank @Pattern(regexp = SERVICE_PATTERN, message = "must be a lower-case service name") String service,
            @Size(max = 500) String description,
            @Size(max = 50) Map<String, Object> metadata) {
    }

    record CrossAppConsumeResponse(long newBalance, String transactionId) {
    }
}
