package io.plinth.integration.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MailTemplatesTest {

    private final MailTemplates templates = new MailTemplates(URI.create("https://app.plinth.example/"));

    @Test
    void theTokenLinkIsBuiltFromTheAppUrlAndAnEncodedToken() {
        MailTemplates.Rendered mail = templates.render(MailKind.PASSWORD_RESET, Map.of(), "pr_a+b/c");

        assertThat(mail.text()).contains("https://app.plinth.example/reset-password?token=pr_a%2Bb%2Fc");
        assertThat(mail.html()).contains("href=\"https://app.plinth.example/reset-password?token=pr_a%2Bb%2Fc\"");
    }

    @Test
    void eventDataIsEscapedInHtmlAndOnlyHttpLinksAreLinked() {
        MailTemplates.Rendered export = templates.render(MailKind.EXPORT_READY,
                Map.of("exportId", "<script>alert(1)</script>", "videoUrl", "javascript:alert(1)"), null);
        MailTemplates.Rendered receipt = templates.render(MailKind.PAYMENT_RECEIPT,
                Map.of("paymentId", "p\"1", "amountMinor", 1999, "currency", "jpy", "credits", 5), null);

        assertThat(export.html()).doesNotContain("<script>").contains("&lt;script&gt;").doesNotContain("javascript:");
        assertThat(receipt.subject()).isEqualTo("Your Plinth receipt: 1999 JPY");
        assertThat(receipt.html()).contains("p&quot;1");
    }
}
