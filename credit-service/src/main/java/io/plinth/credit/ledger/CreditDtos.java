package io.plinth.credit.ledger;

import com.fasterxml.jackson.annotation.JsonAlias;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Request and response bodies of the wallet, spend and grant endpoints (API.md, Credits). */
final class CreditDtos {

    private CreditDtos() {
    }

    record ConsumeRequest(
            @NotNull @Positive @Max(1_000_000) Long credits,
            @NotBlank @Pattern(regexp = TransferRequest.SERVICE_PATTERN, message = "must be a lower-case service name") String service,
            @Size(max = 500) String description,
            @Size(max = 50) Map<String, Object> metadata) {
    }

    record ConsumeResponse(String transactionId, long balance) {
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

    /**
     * One word per concept across the credits API: what a ledger line is for is its
     * {@code description} (as in consume and holds). Grants used to call it {@code reason}; that name
     * is still accepted.
     */
    record GrantRequest(
            @NotNull @Positive @Max(10_000_000) Long credits,
            @Schema(description = "What the grant is for; shown on the user's ledger line. "
                    + "`reason` is accepted as a deprecated alias.")
            @JsonAlias("reason") @NotBlank @Size(max = 500) String description) {
    }

    record GrantResponse(String transactionId, String userId, long credits, long balance) {
    }

    record AdminWalletResponse(String userId, BalanceResponse balance, List<TransactionResponse> recentTransactions) {
    }

}
