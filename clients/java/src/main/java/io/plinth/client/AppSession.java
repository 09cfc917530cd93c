package io.plinth.client;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * A user signed in to a partner app through the cross-app flow: the app checks and spends the
 * user's credits with the session token it holds (never the user's own tokens). Thread-safe.
 *
 * <p>The session token expires (the platform says when); the session then signs the user in
 * again with the credentials it keeps in memory, before the expiry and once more if the platform
 * refuses the token. If that sign-in is refused (password changed, app revoked or its key
 * rotated), the session is over and every call throws that {@link AuthenticationException}.
 */
public final class AppSession implements CreditSpender {

    private final Transport transport;
    private final String appId;
    private final RenewableToken<AppToken> token;

    /** One session token and what the platform said with it. */
    record AppToken(String sessionToken, Instant expiresAt, AppUser user, List<String> permissions) {
        @Override
        public String toString() {
            return "AppToken[sessionToken=***, expiresAt=" + expiresAt + "]";
        }
    }

    private AppSession(Transport transport, String appId, AppToken first, Function<AppToken, CompletableFuture<AppToken>> renew,
                       Clock clock) {
        this.transport = transport;
        this.appId = appId;
        this.token = new RenewableToken<>(first, renew, AppToken::expiresAt, clock);
    }

    static CompletableFuture<AppSession> signIn(Transport transport, String appId, String apiKey, String email,
                                                String password, Clock clock) {
        Function<AppToken, CompletableFuture<AppToken>> authenticate = stale -> {
            Map<String, Object> body = PlinthClient.body("appId", appId, "email", email, "password", password);
            Call call = Call.post("/api/v1/cross-app/auth", body, Call.Retry.SAFE).header(Call.API_KEY, apiKey);
            return transport.send(call, Wire.CrossAppAuthResponse.class)
                    .thenApply(r -> new AppToken(r.sessionToken(), clock.instant().plusSeconds(r.expiresIn()), r.user(),
                            r.permissions() == null ? List.of() : List.copyOf(r.permissions())));
        };
        return authenticate.apply(null)
                .thenApply(first -> new AppSession(transport, appId, first, authenticate, clock));
    }

    /** The user, as far as the app's permissions let it see them. */
    public AppUser user() {
        return token.peek().user();
    }

    /** What the app may do with this user's account, e.g. {@code read_credits}, {@code consume_credits}. */
    public List<String> permissions() {
        return token.peek().permissions();
    }

    /** The user's available credits ({@code POST /api/v1/cross-app/credits/check}; needs {@code read_credits}). */
    public long balance() {
        return Futures.await(balanceAsync());
    }

    /** {@link #balance()}, without blocking. */
    public CompletableFuture<Long> balanceAsync() {
        return check(null).thenApply(Wire.CheckResponse::currentBalance);
    }

    /** Whether the user's available credits cover {@code credits} (needs {@code read_credits}). */
    @Override
    public CompletableFuture<Boolean> canAffordAsync(long credits) {
        return check(Checks.positive(credits, "credits")).thenApply(Wire.CheckResponse::hasSufficientCredits);
    }

    /**
     * Spends the user's credits for this app ({@code POST /api/v1/cross-app/credits/consume}; needs
     * {@code consume_credits}); see {@link CreditSpender#consume(long, String, String, Map, String)}.
     * The platform records the app's id with the transaction. With your own Idempotency-Key, an
     * expired session token is not renewed for this call (the platform keeps the refusal under that
     * key): you get the {@link AuthenticationException} and retry with a new key.
     *
     * @throws ForbiddenException the app lacks {@code consume_credits}
     */
    @Override
    public CompletableFuture<Consumption> consumeAsync(long credits, String service, String description,
                                                       Map<String, ?> metadata, String idempotencyKey) {
        Checks.positive(credits, "credits");
        Checks.notBlank(service, "service");
        Map<String, Object> data = metadata == null ? null : new LinkedHashMap<>(metadata);
        String key = IdempotencyKeys.orGenerate(idempotencyKey);
        Function<String, Function<String, Call>> consume = sessionToken -> callKey -> Call.post(
                        "/api/v1/cross-app/credits/consume",
                        PlinthClient.body("sessionToken", sessionToken, "appId", appId, "credits", credits,
                                "service", service, "description", description, "metadata", data),
                        Call.Retry.SAFE)
                .idempotencyKey(callKey).requiring(credits);
        // The token travels in the body, so the call after a renewal is another request and needs
        // another key. That is safe: a 401 is what the platform recorded under the first key, so it
        // charged nothing under it. A caller's own key cannot be swapped, so its 401 is final.
        CompletableFuture<Consumption> spend = token.use(
                used -> transport.send(consume.apply(used.sessionToken()).apply(key), Consumption.class),
                idempotencyKey != null ? null
                        : fresh -> transport.send(consume.apply(fresh.sessionToken()).apply(IdempotencyKeys.generate()),
                        Consumption.class));
        return InsufficientCreditsException.withBalance(spend, this::balanceAsync);
    }

    @Override
    public String toString() {
        return "AppSession[appId=" + appId + ", user=" + user() + ", expiresAt=" + token.peek().expiresAt() + "]";
    }

    private CompletableFuture<Wire.CheckResponse> check(Long required) {
        Function<String, Call> check = sessionToken -> Call.post("/api/v1/cross-app/credits/check",
                PlinthClient.body("sessionToken", sessionToken, "appId", appId, "requiredCredits", required),
                Call.Retry.SAFE);
        Function<AppToken, CompletableFuture<Wire.CheckResponse>> send =
                used -> transport.send(check.apply(used.sessionToken()), Wire.CheckResponse.class);
        return token.use(send, send);
    }
}
