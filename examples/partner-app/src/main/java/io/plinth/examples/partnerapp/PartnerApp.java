package io.plinth.examples.partnerapp;

import io.plinth.client.AppSession;
import io.plinth.client.Consumption;
import io.plinth.client.Hold;
import io.plinth.client.HoldRequest;
import io.plinth.client.NotFoundException;
import io.plinth.client.PlinthClient;
import io.plinth.client.PlinthException;
import io.plinth.client.RegisteredApp;
import io.plinth.client.RegisteredUser;
import io.plinth.client.Transaction;
import io.plinth.client.UserSession;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A partner app spending a user's credits through plinth-client, against a running {@code ./plinth up}.
 *
 * <p>It registers itself as a partner app with the admin account (or takes {@code PLINTH_APP_ID}
 * and {@code PLINTH_API_KEY}), signs a user in through the cross-app flow (a new user, or
 * {@code PLINTH_USER_EMAIL} / {@code PLINTH_USER_PASSWORD}), checks the balance, runs a pretend
 * job through the hold helper, consumes one credit directly and prints the balance before and
 * after and the transaction ids. Any failure prints what went wrong and exits with status 1.
 */
public final class PartnerApp {

    static final String SERVICE = "partner-demo";
    static final long JOB_CREDITS = 2;
    static final long DIRECT_CREDITS = 1;

    private final Map<String, String> env;
    private final PrintStream out;

    /**
     * @param env the settings (see the class comment), normally {@link System#getenv()}
     * @param out where the report goes
     */
    public PartnerApp(Map<String, String> env, PrintStream out) {
        this.env = env;
        this.out = out;
    }

    /** Runs it with the environment and exits with 1 on any failure. */
    public static void main(String[] args) {
        try {
            new PartnerApp(System.getenv(), System.out).run();
        } catch (PlinthException e) {
            System.err.println("FAILED: " + e.getMessage());
            System.exit(1);
        } catch (RuntimeException e) {
            System.err.println("FAILED: " + e);
            System.exit(1);
        }
    }

    /**
     * Runs the whole walk-through once.
     *
     * @throws PlinthException       the platform refused a step (the message has the request id)
     * @throws IllegalStateException the balances did not add up
     */
    public void run() {
        String baseUrl = env.getOrDefault("PLINTH_URL", "http://localhost:8080");
        PlinthClient platform = PlinthClient.builder().baseUrl(baseUrl).build();

        String appId = env.get("PLINTH_APP_ID");
        String apiKey = env.get("PLINTH_API_KEY");
        if (appId == null || apiKey == null) {
            UserSession admin = platform.login(env.getOrDefault("PLINTH_ADMIN_EMAIL", "admin@plinth.local"),
                    env.getOrDefault("PLINTH_ADMIN_PASSWORD", "plinth-admin"));
            RegisteredApp app = admin.admin().registerApp("Partner demo", "partner-demo.example.com",
                    List.of("read_user_info", "read_credits", "consume_credits"));
            appId = app.appId();
            apiKey = app.apiKey();
            out.println("registered partner app " + appId + " (set PLINTH_APP_ID and PLINTH_API_KEY to reuse one)");
        }

        String email = env.get("PLINTH_USER_EMAIL");
        String password = env.get("PLINTH_USER_PASSWORD");
        if (email == null || password == null) {
            email = "partner-demo-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
            password = "demo " + UUID.randomUUID();
            RegisteredUser user = platform.register(email, password);
            out.println("registered user " + user.email() + " (" + user.userId() + ")");
        }

        // The partner app: built once with its id and key, it acts for users who sign in to it.
        PlinthClient partner = PlinthClient.builder().baseUrl(baseUrl).appId(appId).apiKey(apiKey).build();
        AppSession session = partner.signInUser(email, password);
        long before = balanceOnceTheWalletIsOpen(session);
        out.println("signed in " + session.user().userId() + " through the cross-app flow; permissions "
                + session.permissions());
        out.println("balance before: " + before);

        // Holds are the user's own (the API has no cross-app hold), so the job runs in the user's session.
        UserSession user = platform.login(email, password);
        Hold[] placed = new Hold[1];
        String rendered = user.holds().run(HoldRequest.of(JOB_CREDITS, SERVICE).withDescription("pretend job"),
                hold -> {
                    placed[0] = hold;
                    return "job done while " + hold.credits() + " credits were held";
                });
        Hold settled = user.holds().get(placed[0].holdId());
        String captureTransaction = user.transactions(20, null).items().stream()
                .filter(line -> settled.holdId().equals(line.holdId()))
                .map(Transaction::id)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no ledger line for captured hold " + settled.holdId()));
        out.println("hold " + settled.holdId() + ": " + rendered + "; " + settled.state() + " " + settled.captured()
                + " (transaction " + captureTransaction + ")");

        Consumption direct = session.consume(DIRECT_CREDITS, SERVICE, "one credit, spent directly",
                Map.of("example", "partner-app"));
        out.println("consumed " + DIRECT_CREDITS + " directly (transaction " + direct.transactionId() + ")");

        long after = session.balance();
        out.println("balance after: " + after);
        long expected = before - JOB_CREDITS - DIRECT_CREDITS;
        if (after != expected || !"captured".equals(settled.state())) {
            throw new IllegalStateException("expected balance " + expected + " and a captured hold, got " + after
                    + " and " + settled.state());
        }
        out.println("OK");
    }

    /**
     * A user who has just signed up has no wallet for a moment: credit-service opens it (with the starting
     * credits) when the sign-up event reaches it. Until then the balance is 404; ask again for a while.
     */
    private static long balanceOnceTheWalletIsOpen(AppSession session) {
        Instant giveUp = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            try {
                return session.balance();
            } catch (NotFoundException e) {
                if (Instant.now().isAfter(giveUp)) {
                    throw e;
                }
                try {
                    Thread.sleep(250);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
