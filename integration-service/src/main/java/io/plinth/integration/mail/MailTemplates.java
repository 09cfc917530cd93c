package io.plinth.integration.mail;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Currency;
import java.util.Map;

/**
 * The text and HTML of each mail, from its template data. Every value put into HTML is escaped; links are built
 * from the configured app URL and a URL-encoded token, never from event data.
 */
final class MailTemplates {

    record Rendered(String subject, String text, String html) {
    }

    private final URI appBaseUrl;

    MailTemplates(URI appBaseUrl) {
        String base = appBaseUrl.toString();
        this.appBaseUrl = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
    }

    /** {@code token} is the opened one-time token for the token mails, null otherwise. */
    Rendered render(MailKind kind, Map<String, Object> data, String token) {
        return switch (kind) {
            case EMAIL_VERIFICATION -> tokenMail("Confirm your email address",
                    "Please confirm that this is your email address by opening the link below.",
                    link("/verify-email", token), "Confirm my email",
                    "If you did not create a Plinth account, you can ignore this mail.");
            case PASSWORD_RESET -> tokenMail("Reset your password",
                    "Someone (we hope you) asked to reset the password of your Plinth account. Open the link below to choose a new one.",
                    link("/reset-password", token), "Choose a new password",
                    "If you did not ask for this, ignore this mail: your password stays as it is.");
            case PAYMENT_RECEIPT -> receipt(data);
            case EXPORT_READY -> plain("Your video export is ready",
                    "Your export " + value(data, "exportId") + " has finished.",
                    value(data, "videoUrl"), "Open the video");
            case CONTRACT_COMPLETED -> plain("Your contract is complete",
                    "Every party has signed envelope " + value(data, "envelopeId") + ". A copy is kept in your account.",
                    null, null);
        };
    }

    private Rendered receipt(Map<String, Object> data) {
        String amount = money(data.get("amountMinor"), value(data, "currency"));
        String lines = "Payment: " + value(data, "paymentId") + "\nProduct: " + value(data, "productId")
                + "\nAmount: " + amount + "\nCredits: " + value(data, "credits") + "\nPaid with: " + value(data, "provider");
        String text = "Thank you for your payment.\n\n" + lines + "\n";
        StringBuilder html = new StringBuilder("<p>Thank you for your payment.</p><table>");
        for (String line : lines.split("\n")) {
            int colon = line.indexOf(':');
            html.append("<tr><th align=\"left\">").append(escape(line.substring(0, colon))).append("</th><td>")
                    .append(escape(line.substring(colon + 2))).append("</td></tr>");
        }
        html.append("</table>");
        return new Rendered("Your Plinth receipt: " + amount, text, page(html.toString()));
    }

    private Rendered tokenMail(String subject, String intro, String link, String button, String footer) {
        String text = intro + "\n\n" + link + "\n\n" + footer + "\n";
        String html = "<p>" + escape(intro) + "</p><p><a href=\"" + escape(link) + "\">" + escape(button) + "</a></p><p>"
                + escape(footer) + "</p>";
        return new Rendered(subject, text, page(html));
    }

    private static Rendered plain(String subject, String body, String link, String button) {
        boolean linked = link != null && !link.isBlank() && (link.startsWith("https://") || link.startsWith("http://"));
        String text = body + "\n" + (linked ? "\n" + link + "\n" : "");
        String html = "<p>" + escape(body) + "</p>" + (linked ? "<p><a href=\"" + escape(link) + "\">" + escape(button)
                + "</a></p>" : "");
        return new Rendered(subject, text, page(html));
    }

    private String link(String path, String token) {
        if (token == null) {
            throw new IllegalArgumentException("a token mail without its token");
        }
        return appBaseUrl + path + "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
    }

    private static String page(String body) {
        return "<!doctype html><html><body style=\"font-family:sans-serif\">" + body
                + "<p style=\"color:#888\">Plinth</p></body></html>";
    }

    static String money(Object amountMinor, String currency) {
        if (!(amountMinor instanceof Number n) || currency == null || currency.isBlank()) {
            return String.valueOf(amountMinor) + " " + (currency == null ? "" : currency.toUpperCase());
        }
        int digits;
        try {
            digits = Math.max(0, Currency.getInstance(currency.toUpperCase()).getDefaultFractionDigits());
        } catch (IllegalArgumentException e) {
            digits = 2;
        }
        return BigDecimal.valueOf(n.longValue(), digits).toPlainString() + " " + currency.toUpperCase();
    }

    private static String value(Map<String, Object> data, String key) {
        Object v = data.get(key);
        return v == null ? "" : String.valueOf(v);
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
