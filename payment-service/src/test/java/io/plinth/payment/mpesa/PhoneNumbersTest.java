package io.plinth.payment.mpesa;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class PhoneNumbersTest {

    @Test
    void kenyanMobileNumbersAsPeopleTypeThemBecome254() {
        assertThat(PhoneNumbers.normalise("0712 345 678")).contains("254712345678");
        assertThat(PhoneNumbers.normalise("+254 712-345-678")).contains("254712345678");
        assertThat(PhoneNumbers.normalise("254712345678")).contains("254712345678");
        assertThat(PhoneNumbers.normalise("712345678")).contains("254712345678");
        assertThat(PhoneNumbers.normalise("0110 123 456")).contains("254110123456");
        assertThat(PhoneNumbers.normalise("(0712) 345678")).contains("254712345678");
    }

    @Test
    void anythingElseIsRefused() {
        assertThat(PhoneNumbers.normalise("+1 555 123 4567")).isEmpty();
        assertThat(PhoneNumbers.normalise("0212345678")).isEmpty();      // landline prefix
        assertThat(PhoneNumbers.normalise("07123456")).isEmpty();        // too short
        assertThat(PhoneNumbers.normalise("2547123456789")).isEmpty();   // too long
        assertThat(PhoneNumbers.normalise("07l2345678")).isEmpty();
        assertThat(PhoneNumbers.normalise("+0712345678")).isEmpty();
        assertThat(PhoneNumbers.normalise("")).isEmpty();
        assertThat(PhoneNumbers.normalise(null)).isEmpty();
    }

    @Test
    void thePasswordIsBase64OfShortcodePasskeyAndTheNairobiTimestamp() {
        DarajaPassword password = DarajaPassword.at(Instant.parse("2026-11-25T21:30:05Z"), "174379", "passkey");

        assertThat(password.timestamp()).isEqualTo("20261126003005");
        assertThat(new String(Base64.getDecoder().decode(password.password())))
                .isEqualTo("174379passkey20261126003005");
    }
}
