package io.plinth.console;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * The real-browser check of every console page (console/browser-check.sh runs it; not part of ./mvnw verify):
 * headless Chromium through the system chromedriver, against a running platform. Each page is loaded at 1280 and
 * 390 px wide and saved as a full-page screenshot; any console message at error level (a CSP violation shows as
 * one), any failed request and any response of 400 or more that the step did not expect fails the check.
 *
 * <p>Arguments: gateway URL (default http://localhost:8080), screenshot directory (default target/screenshots).
 * Admin account from PLINTH_ADMIN_EMAIL / PLINTH_ADMIN_PASSWORD (devstack defaults).
 */
public final class BrowserCheck {

    private static final int[] WIDTHS = {1280, 390};
    private static final Pattern STATUS = Pattern.compile("\"status\":(\\d{3})");
    private static final Pattern URL = Pattern.compile("\"url\":\"([^\"]+)\"");

    private final String base;
    private final Path shots;
    private final ChromeDriver driver;
    private final List<String> failures = new ArrayList<>();

    private BrowserCheck(String base, Path shots, ChromeDriver driver) {
        this.base = base;
        this.shots = shots;
        this.driver = driver;
    }

    public static void main(String[] args) throws Exception {
        String base = args.length > 0 ? args[0] : "http://localhost:8080";
        Path shots = Path.of(args.length > 1 ? args[1] : "target/screenshots");
        Files.createDirectories(shots);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--hide-scrollbars",
                "--window-size=1280,900");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        logs.enable(LogType.PERFORMANCE, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver")).toFile())
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        BrowserCheck check = new BrowserCheck(base, shots, driver);
        try {
            check.run();
        } finally {
            driver.quit();
        }
        if (!check.failures.isEmpty()) {
            System.err.println("browser check FAILED:");
            check.failures.forEach(f -> System.err.println("  " + f));
            System.exit(1);
        }
        System.out.println("browser check passed; screenshots in " + shots.toAbsolutePath());
    }

    private void run() throws Exception {
        String email = System.getenv().getOrDefault("PLINTH_ADMIN_EMAIL", "admin@plinth.local");
        String password = System.getenv().getOrDefault("PLINTH_ADMIN_PASSWORD", "plinth-admin");

        page("01-sign-in", "/console/login", 200);
        signIn(email, password);
        page("02-overview", "/console", 200);
        page("03-apps", "/console/apps", 200);

        // Register an app: the key page.
        driver.findElement(By.id("name")).sendKeys("Browser check " + UUID.randomUUID().toString().substring(0, 6));
        driver.findElement(By.id("domain")).sendKeys("browser-check.example.com");
        driver.findElement(By.cssSelector("input[value=read_credits]")).click();
        submit("main form button[type=submit]");
        String appId = driver.findElement(By.id("app-id")).getText();
        capture("04-app-key");
        driver.findElement(By.cssSelector("button[data-copy=api-key]")).click();
        page("05-app-revoke-confirm", "/console/apps/" + appId + "/revoke", 200);
        submit("main form button[type=submit]");
        capture("06-apps-after-revoke");

        // A form refused on the server: the field errors.
        page("07-apps-register-errors", "/console/apps", 200);
        submitExpecting("main form button[type=submit]", 422);
        capture("07-apps-register-errors");

        String userEmail = "browser-check-" + UUID.randomUUID() + "@example.com";
        String userId = registerUser(userEmail);
        awaitWallet(userId, email, password);
        page("08-users-search", "/console/users?email=browser-check", 200);
        page("09-user", "/console/users/" + userId, 200);
        driver.findElement(By.id("credits")).sendKeys("15");
        driver.findElement(By.id("reason")).sendKeys("Browser check grant");
        submit("form[action$='/grant'] button[type=submit]");
        capture("10-user-after-grant");

        for (String key : List.of("docusign", "zoom", "notion", "sendgrid")) {
            page("11-integrations-" + key, "/console/integrations?key=" + key, 200);
        }
        // DocuSign's test send refused on the server (a name, no email): its field errors, and no call made.
        page("11-docusign-test-send", "/console/integrations?key=docusign", 200);
        driver.findElement(By.id("recipientName")).sendKeys("Browser check");
        submitExpecting("form[action$='/docusign/send'] button", 422);
        capture("11-docusign-test-send-errors");
        page("11-integrations-sendgrid", "/console/integrations?key=sendgrid", 200);
        // The sandbox's SendGrid key (provider-sandbox's application.yml): saved, then shown masked, then tested.
        driver.findElement(By.id("cred-apiKey")).sendKeys("SG.plinth-devstack.sandbox-api-key");
        submit("main form[action='/console/integrations/sendgrid'] button");
        capture("12-integrations-sendgrid-saved");
        submit("main form[action='/console/integrations/sendgrid/test'] button");
        capture("12-integrations-sendgrid-tested");

        page("13-webhook-events", "/console/webhook-events", 200);
        List<WebElement> events = driver.findElements(By.cssSelector("main table a[href^='/console/webhook-events/']"));
        if (!events.isEmpty()) {
            String href = events.get(0).getAttribute("href");
            page("14-webhook-event", URI.create(href).getPath(), 200);
            page("15-webhook-replay-confirm", URI.create(href).getPath() + "/replay", 200);
        }
        page("16-payments", "/console/payments", 200);
        List<WebElement> refunds = driver.findElements(By.cssSelector("main table a[href$='/refund']"));
        if (!refunds.isEmpty()) {
            page("17-refund", URI.create(refunds.get(0).getAttribute("href")).getPath(), 200);
        }
        submit("form.signout button");
        capture("18-signed-out");
        signIn(userEmail, "browser-check-password", 403);
        capture("19-not-an-administrator");
    }

    private void signIn(String email, String password) {
        signIn(email, password, 200);
    }

    private void signIn(String email, String password, int expected) {
        driver.manage().window().setSize(new Dimension(1280, 900));
        driver.get(base + "/console/login");
        drainLogs("sign-in page", 200);
        driver.findElement(By.id("email")).sendKeys(email);
        driver.findElement(By.id("password")).sendKeys(password);
        submitExpecting("main form button[type=submit]", expected);
    }

    /** Opens {@code path} at each width and saves both screenshots. */
    private void page(String name, String path, int expectedStatus) throws IOException {
        for (int width : WIDTHS) {
            driver.manage().window().setSize(new Dimension(width, 900));
            driver.get(base + path);
            drainLogs(name + " @" + width, expectedStatus);
            save(name, width);
        }
        driver.manage().window().setSize(new Dimension(1280, 900));
    }

    /** Screenshots of the page as it is now, at both widths (without reloading it). */
    private void capture(String name) throws IOException {
        drainLogs(name, 200);
        for (int width : WIDTHS) {
            driver.manage().window().setSize(new Dimension(width, 900));
            save(name, width);
        }
        driver.manage().window().setSize(new Dimension(1280, 900));
    }

    private void submit(String selector) {
        submitExpecting(selector, 200);
    }

    /** Clicks and waits until the next page has loaded, so its responses are checked against this step's status. */
    private void submitExpecting(String selector, int expectedStatus) {
        WebElement button = driver.findElement(By.cssSelector(selector));
        button.click();
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(ExpectedConditions.and(ExpectedConditions.stalenessOf(button),
                (ExpectedCondition<Boolean>) d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState"))));
        drainLogs("after " + selector, expectedStatus);
    }

    /** The whole page, not only the window: Chromium's own full-page capture (DevTools, through chromedriver). */
    @SuppressWarnings("unchecked")
    private void save(String name, int width) throws IOException {
        Map<String, Object> metrics = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
        Map<String, Object> content = (Map<String, Object>) metrics.get("cssContentSize");
        double height = Math.min(((Number) content.get("height")).doubleValue(), 8000);
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
                "captureBeyondViewport", true,
                "clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
        Files.write(shots.resolve(name + "-" + width + ".png"), Base64.getDecoder().decode((String) shot.get("data")));
        long overflow = ((Number) ((JavascriptExecutor) driver)
                .executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth")).longValue();
        if (overflow > 0) {
            failures.add(name + " @" + width + ": the page is " + overflow + " px wider than the window");
        }
    }

    /** Console errors and failed or unexpected responses since the last call. */
    private void drainLogs(String step, int expectedStatus) {
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue()
                    && !(expectedStatus >= 400 && entry.getMessage().contains("status of " + expectedStatus))) {
                failures.add(step + ": console error: " + entry.getMessage());
            }
        }
        for (LogEntry entry : driver.manage().logs().get(LogType.PERFORMANCE)) {
            String message = entry.getMessage();
            if (message.contains("\"Network.loadingFailed\"") && !message.contains("net::ERR_ABORTED")) {
                failures.add(step + ": request failed: " + message);
            } else if (message.contains("\"Network.responseReceived\"")) {
                Matcher status = STATUS.matcher(message);
                Matcher url = URL.matcher(message);
                if (status.find() && url.find()) {
                    int code = Integer.parseInt(status.group(1));
                    boolean document = message.contains("\"type\":\"Document\"");
                    if (code >= 400 && !(document && code == expectedStatus)) {
                        failures.add(step + ": " + code + " for " + url.group(1));
                    }
                }
            }
        }
    }

    /**
     * credit-service opens a new user's wallet when it hears user.registered, a moment after the sign-up: until then
     * the user's page is a 404 (the platform's honest answer), which is not what this step is here to look at.
     */
    private void awaitWallet(String userId, String adminEmail, String adminPassword) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/login"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + adminEmail + "\",\"password\":\""
                        + adminPassword + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        Matcher token = Pattern.compile("\"accessToken\":\"([^\"]+)\"").matcher(login.body());
        if (!token.find()) {
            throw new IllegalStateException("admin login failed: " + login.statusCode() + " " + login.body());
        }
        HttpRequest wallet = HttpRequest.newBuilder(URI.create(base + "/api/v1/admin/credits/" + userId))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token.group(1)).GET().build();
        org.awaitility.Awaitility.await("the new user's wallet").atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> http.send(wallet, HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    }

    private String registerUser(String email) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/register"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + email + "\",\"password\":\"browser-check-password\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("could not register a user: " + response.statusCode() + " " + response.body());
        }
        Matcher id = Pattern.compile("\"userId\":\"([^\"]+)\"").matcher(response.body());
        if (!id.find()) {
            throw new IllegalStateException("no userId in " + response.body());
        }
        return id.group(1);
    }
}
