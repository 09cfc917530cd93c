package io.plinth.auth.account;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AddressParsingTest {

    @Test
    void emailIsTrimmedAndNormalizedToLowerCase() {
        EmailAddress email = EmailAddress.parse("  Wanjiru@Example.COM ").orElseThrow();
        assertThat(email.value()).isEqualTo("Wanjiru@Example.COM");
        assertThat(email.normalized()).isEqualTo("wanjiru@example.com");
    }

    @Test
    void emailWithoutDomainDotOrWithSpacesIsRefused() {
        assertThat(EmailAddress.parse("a@b")).isEmpty();
        assertThat(EmailAddress.parse("a b@example.com")).isEmpty();
        assertThat(EmailAddress.parse("not-an-email")).isEmpty();
        assertThat(EmailAddress.parse(null)).isEmpty();
    }

    @Test
    void kenyanNumbersInE164AreAcceptedWithOrWithoutPlus() {
        assertThat(PhoneNumber.parse("254712345678")).contains("254712345678");
        assertThat(PhoneNumber.parse("+254 712 345 678")).contains("254712345678");
    }

    @Test
    void localFormatsAndGarbageAreRefused() {
        assertThat(PhoneNumber.parse("0712345678")).isEmpty();
        assertThat(PhoneNumber.parse("12345")).isEmpty();
        assertThat(PhoneNumber.parse("2547123456789012")).isEmpty();
        assertThat(PhoneNumber.parse("phone")).isEmpty();
    }
}
