package io.plinth.auth.account;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordPolicyTest {

    private final PasswordPolicy policy = PasswordPolicy.withShippedList();

    @Test
    void refusesShortPasswords() {
        assertThat(policy.check("Sh0rt!pw")).get().extracting(PasswordPolicy.Violation::code).isEqualTo("too_short");
    }

    @Test
    void refusesCommonPasswordsWhateverTheCase() {
        assertThat(policy.check("Password123")).get().extracting(PasswordPolicy.Violation::code).isEqualTo("too_common");
        assertThat(policy.check("QWERTYUIOP")).get().extracting(PasswordPolicy.Violation::code).isEqualTo("too_common");
    }

    @Test
    void refusesMissingPassword() {
        assertThat(policy.check(null)).get().extracting(PasswordPolicy.Violation::code).isEqualTo("required");
    }

    @Test
    void acceptsLongUncommonPassword() {
        assertThat(policy.check("correct horse battery staple")).isEmpty();
    }

    @Test
    void countsCharactersNotBytes() {
        assertThat(policy.check("ñandú-ñandú")).isEmpty();
    }
}
