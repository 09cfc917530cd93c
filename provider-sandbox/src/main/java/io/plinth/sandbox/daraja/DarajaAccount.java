package io.plinth.sandbox.daraja;

import io.plinth.sandbox.delivery.Providers;
import io.plinth.sandbox.delivery.WebhookDelivery;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.DisposableBean;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sandbox's Daraja: OAuth tokens, STK pushes and their outcome. A push waits for the "phone"
 * ({@code /_sandbox/mpesa/{id}/accept|cancel}); unanswered, it ends as Daraja's do (1037, no response)
 * after the timeout. Every outcome is sent to the push's CallBackURL through the delivery engine.
 */
final class DarajaAccount implements DisposableBean {

    enum State { PENDING, PAID, CANCELLED, TIMED_OUT }

    /** One STK push as Daraja keeps it. */
    record Push(String merchantRequestId, String checkoutRequestId, String phone, long amount, String callbackUrl,
            String accountReference, Instant createdAt, State state, String receipt) {

        Push settle(State outcome, String receiptNumber) {
            return new Push(merchantRequestId, checkoutRequestId, phone, amount, callbackUrl, accountReference,
                    createdAt, outcome, receiptNumber);
        }

        String resultCode() {
            return switch (state) {
                case PENDING -> null;
                case PAID -> "0";
                case CANCELLED -> "1032";
                case TIMED_OUT -> "1037";
            };
        }

        String resultDesc() {
            return switch (state) {
                case PENDING -> "The transaction is being processed";
                case PAID -> "The service request is processed successfully.";
                case CANCELLED -> "Request cancelled by user";
                case TIMED_OUT -> "DS timeout user cannot be reached";
            };
        }
    }

    static final ZoneId EAT = ZoneId.of("Africa/Nairobi");
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(EAT);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SecureRandom RANDOM = new SecureRandom();
    static final Duration TOKEN_LIFETIME = Duration.ofSeconds(3599);

    private final Map<String, Instant> tokens = new ConcurrentHashMap<>();
    private final Map<String, Push> pushes = new ConcurrentHashMap<>();
    private final AtomicInteger tokensIssued = new AtomicInteger();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "daraja-timeouts");
        thread.setDaemon(true);
        return thread;
    });
    private final WebhookDelivery delivery;
    private final String passkey;
    private final Duration timeout;
    private final Clock clock;

    DarajaAccount(WebhookDelivery delivery, String passkey, Duration timeout, Clock clock) {
        this.delivery = delivery;
        this.passkey = passkey;
        this.timeout = timeout;
        this.clock = clock;
    }

    /** Any consumer key and secret are accepted (the sandbox has one app); Basic must be well formed. */
    String issueToken(String basicAuthorization) {
        String decoded;
        try {
            decoded = basicAuthorization == null || !basicAuthorization.startsWith("Basic ") ? ""
                    : new String(Base64.getDecoder().decode(basicAuthorization.substring(6)), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            decoded = "";
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0 || colon == decoded.length() - 1) {
            throw new DarajaError(400, "400.008.01", "Invalid Authentication passed");
        }
        String token = random(28);
        tokens.put(token, clock.instant().plus(TOKEN_LIFETIME));
        tokensIssued.incrementAndGet();
        return token;
    }

    int tokensIssued() {
        return tokensIssued.get();
    }

    void requireToken(String authorization) {
        String token = authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7) : null;
        Instant expiry = token == null ? null : tokens.get(token);
        if (expiry == null || !expiry.isAfter(clock.instant())) {
            throw new DarajaError(401, "404.001.03", "Invalid Access Token");
        }
    }

    Push push(Map<String, Object> body) {
        String shortcode = text(body, "BusinessShortCode");
        String timestamp = text(body, "Timestamp");
        checkPassword(shortcode, timestamp, text(body, "Password"));
        if (!"CustomerPayBillOnline".equals(body.get("TransactionType"))
                && !"CustomerBuyGoodsOnline".equals(body.get("TransactionType"))) {
            throw DarajaError.badRequest("TransactionType");
        }
        long amount = amount(body.get("Amount"));
        String phone = text(body, "PhoneNumber");
        if (!phone.matches("254[17]\\d{8}") || !phone.equals(text(body, "PartyA"))) {
            throw DarajaError.badRequest("PhoneNumber");
        }
        String callback = text(body, "CallBackURL");
        if (!callback.startsWith("https://") && !callback.startsWith("http://")) {
            throw DarajaError.badRequest("CallBackURL");
        }
        String reference = text(body, "AccountReference");
        if (reference.length() > 12) {
            throw DarajaError.badRequest("AccountReference");
        }
        Push push = new Push(random(5) + "-" + random(8), "ws_CO_" + TIMESTAMP.format(clock.instant()) + random(12),
                phone, amount, callback, reference, clock.instant(), State.PENDING, null);
        pushes.put(push.checkoutRequestId(), push);
        timer.schedule(() -> settle(push.checkoutRequestId(), State.TIMED_OUT), timeout.toMillis(), TimeUnit.MILLISECONDS);
        return push;
    }

    Push query(Map<String, Object> body) {
        checkPassword(text(body, "BusinessShortCode"), text(body, "Timestamp"), text(body, "Password"));
        String id = text(body, "CheckoutRequestID");
        Push push = pushes.get(id);
        if (push == null) {
            throw new DarajaError(400, "400.002.02", "Bad Request - Invalid CheckoutRequestID");
        }
        return push;
    }

    Optional<Push> find(String checkoutRequestId) {
        return Optional.ofNullable(pushes.get(checkoutRequestId));
    }

    /** The phone answered (or nobody did): the first outcome sticks and its callback is sent. */
    Optional<Push> settle(String checkoutRequestId, State outcome) {
        Push[] settled = new Push[1];
        pushes.computeIfPresent(checkoutRequestId, (id, push) -> {
            if (push.state() != State.PENDING) {
                return push;
            }
            settled[0] = push.settle(outcome, outcome == State.PAID ? random(10).toUpperCase() : null);
            return settled[0];
        });
        if (settled[0] != null) {
            delivery.send(Providers.MPESA, checkoutRequestId, "stk_callback", callbackJson(settled[0]),
                    URI.create(settled[0].callbackUrl()));
        }
        return Optional.ofNullable(pushes.get(checkoutRequestId));
    }

    private String callbackJson(Push push) {
        Map<String, Object> callback = new LinkedHashMap<>();
        callback.put("MerchantRequestID", push.merchantRequestId());
        callback.put("CheckoutRequestID", push.checkoutRequestId());
        callback.put("ResultCode", Integer.parseInt(push.resultCode()));
        callback.put("ResultDesc", push.resultDesc());
        if (push.state() == State.PAID) {
            callback.put("CallbackMetadata", Map.of("Item", List.of(
                    Map.of("Name", "Amount", "Value", push.amount()),
                    Map.of("Name", "MpesaReceiptNumber", "Value", push.receipt()),
                    Map.of("Name", "TransactionDate", "Value", Long.parseLong(TIMESTAMP.format(clock.instant()))),
                    Map.of("Name", "PhoneNumber", "Value", Long.parseLong(push.phone())))));
        }
        return JSON.writeValueAsString(Map.of("Body", Map.of("stkCallback", callback)));
    }

    private void checkPassword(String shortcode, String timestamp, String password) {
        if (!timestamp.matches("\\d{14}")) {
            throw DarajaError.badRequest("Timestamp");
        }
        String expected = Base64.getEncoder().encodeToString((shortcode + passkey + timestamp)
                .getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(password)) {
            throw DarajaError.badRequest("Password");
        }
    }

    private static String text(Map<String, Object> body, String field) {
        Object value = body.get(field);
        if (value == null || String.valueOf(value).isBlank()) {
            throw DarajaError.badRequest(field);
        }
        return String.valueOf(value);
    }

    private static long amount(Object value) {
        try {
            long amount = value instanceof Number n && n.doubleValue() == n.longValue() ? n.longValue()
                    : Long.parseLong(String.valueOf(value));
            if (amount < 1 || amount > 250_000) {
                throw DarajaError.badRequest("Amount");
            }
            return amount;
        } catch (NumberFormatException e) {
            throw DarajaError.badRequest("Amount");
        }
    }

    private static String random(int length) {
        String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
    }
}
