package io.plinth.client;

import java.time.Clock;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A signed-in user of a first-party app: reads and spends their own credits. Thread-safe.
 *
 * <p>The access token is refreshed shortly before it expires, and once more if the platform
 * refuses it; each refresh spends the refresh token and stores the new pair (see {@link #tokens()}).
 * Only one refresh runs at a time. If the platform reports the refresh token as already spent
 * ({@code refresh_token_reused}: someone else used it), the session is over: that
 * {@link AuthenticationException} is thrown by this and every later call, never retried.
 */
public final class UserSession implements CreditSpender {

    private final Transport transport;
    private final Clock clock;
    private final RenewableToken<Tokens> token;
    private final Holds holds;
    private final Admin admin;

    UserSession(Transport transport, Tokens tokens, Clock clock) {
        this.transport = transport;
        this.clock = clock;
        this.token = new RenewableToken<>(tokens, this::refresh, Tokens::expiresAt, clock);
        this.holds = new Holds(this);
        this.admin = new Admin(this);
    }

    /** The current tokens, to store and {@link PlinthClient#resume(Tokens) resume} later. They change on every refresh. */
    public Tokens tokens() {
        return token.peek();
    }

    /** Two-phase spends: reserve credits, run the job, then capture or release. */
    public Holds holds() {
        return holds;
    }

    /** Admin calls; the platform answers {@link ForbiddenException} unless the user is an admin. */
    public Admin admin() {
        return admin;
    }

    /** The user's account ({@code GET /api/v1/auth/me}). */
    public Me me() {
        return Futures.await(meAsync());
    }

    /** {@link #me()}, without blocking. */
    public CompletableFuture<Me> meAsync() {
        return send(Call.get("/api/v1/auth/me"), Me.class);
    }

    /** The wallet ({@code GET /api/v1/credits/balance}). */
    public Balance balance() {
        return Futures.await(balanceAsync());
    }

    /** {@link #balance()}, without blocking. */
    public CompletableFuture<Balance> balanceAsync() {
        return send(Call.get("/api/v1/credits/balance"), Balance.class);
    }

    @Override
    public CompletableFuture<Boolean> canAffordAsync(long credits) {
        Checks.positive(credits, "credits");
        return balanceAsync().thenApply(balance -> balance.available() >= credits);
    }

    /** Spends credits at once ({@code POST /api/v1/credits/consume}); see {@link CreditSpender#consume(long, String, String, Map, String)}. */
    @Override
    public CompletableFuture<Consumption> consumeAsync(long credits, String service, String description,
                                                       Map<String, ?> metadata, String idempotencyKey) {
        Map<String, Object> body = PlinthClient.body("credits", Checks.positive(credits, "credits"),
                "service", Checks.notBlank(service, "service"), "description", description,
                "metadata", metadata == null ? null : new LinkedHashMap<>(metadata));
        Call call = Call.post("/api/v1/credits/consume", body, Call.Retry.SAFE)
                .idempotencyKey(IdempotencyKeys.orGenerate(idempotencyKey)).requiring(credits);
        return withBalance(send(call, Consumption.class));
    }

    /** One page of the ledger, newest first ({@code GET /api/v1/credits/transactions}). */
    public TransactionPage transactions(int limit, String cursor) {
        return Futures.await(transactionsAsync(limit, cursor));
    }

    /**
     * {@link #transactions(int, String)}, without blocking.
     *
     * @param limit  lines per page, 1 to 100
     * @param cursor the previous page's {@code nextCursor}, or null for the newest
     */
    public CompletableFuture<TransactionPage> transactionsAsync(int limit, String cursor) {
        if (limit < 1 || limit > 100) {
            throw new IllegalArgumentException("limit must be between 1 and 100, was " + limit);
        }
        String path = "/api/v1/credits/transactions?limit=" + limit
                + (cursor == null ? "" : "&cursor=" + Call.encode(cursor));
        return send(Call.get(path), TransactionPage.class);
    }

    /** The whole ledger, newest first, fetched page by page (50 lines each) as the stream is consumed. */
    public Stream<Transaction> transactions() {
        return transactions(50);
    }

    /** The whole ledger, newest first, fetched {@code pageSize} lines at a time as the stream is consumed. */
    public Stream<Transaction> transactions(int pageSize) {
        if (pageSize < 1 || pageSize > 100) {
            throw new IllegalArgumentException("pageSize must be between 1 and 100, was " + pageSize);
        }
        Iterator<Transaction> lines = new Iterator<>() {
            private Iterator<Transaction> page = List.<Transaction>of().iterator();
            private String cursor;
            private boolean last;

            @Override
            public boolean hasNext() {
                while (!page.hasNext() && !last) {
                    TransactionPage next = transactions(pageSize, cursor);
                    page = next.items().iterator();
                    cursor = next.nextCursor();
                    last = cursor == null;
                }
                return page.hasNext();
            }

            @Override
            public Transaction next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return page.next();
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(lines, Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    /** Ends the login on the platform (every token of it); later calls on this session fail. */
    public void logout() {
        Futures.await(logoutAsync());
    }

    /** {@link #logout()}, without blocking. */
    public CompletableFuture<Void> logoutAsync() {
        Map<String, Object> body = PlinthClient.body("refreshToken", token.peek().refreshToken());
        return transport.send(Call.post("/api/v1/auth/logout", body, Call.Retry.SAFE), Void.class)
                .thenRun(() -> token.end(new AuthenticationException(
                        ProblemDetails.of(401, "session_ended", "this session was logged out"))));
    }

    @Override
    public String toString() {
        return "UserSession[expiresAt=" + token.peek().expiresAt() + "]";
    }

    // ---- for Holds and Admin ---------------------------------------------------------------------

    /**
     * Sends with the current access token; if the platform refuses it (401), refreshes once and
     * sends the very same call again (same Idempotency-Key: the body carries no token, so a spend
     * that already happened is replayed, not repeated).
     */
    <T> CompletableFuture<T> send(Call call, Class<T> type) {
        Function<Tokens, CompletableFuture<T>> sendWith = tokens -> transport.send(call.bearer(tokens.accessToken()), type);
        return token.use(sendWith, sendWith);
    }

    /** Fills in the user's available balance on an InsufficientCreditsException, if it can be read. */
    <T> CompletableFuture<T> withBalance(CompletableFuture<T> spend) {
        return InsufficientCreditsException.withBalance(spend, () -> balanceAsync().thenApply(Balance::available));
    }

    private CompletableFuture<Tokens> refresh(Tokens stale) {
        Map<String, Object> body = PlinthClient.body("refreshToken", stale.refreshToken());
        // Never re-sent once it may have arrived: a refresh token is spent on use, and presenting it
        // again would look like theft to the platform and end the session.
        return transport.send(Call.post("/api/v1/auth/refresh", body, Call.Retry.UNSENT_ONLY), Wire.LoginResponse.class)
                .thenApply(response -> new Tokens(response.accessToken(), response.refreshToken(),
                        clock.instant().plusSeconds(response.expiresIn())));
    }
}
