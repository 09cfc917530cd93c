package io.plinth.sandbox.controls;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MoneyTest {

    @ParameterizedTest
    @CsvSource({"500, usd, 5.00 USD", "65000, KES, 650.00 KES", "7, usd, 0.07 USD", "0, eur, 0.00 EUR", "-250, usd, -2.50 USD"})
    void showsMinorUnitsAsMajorWithTheCurrencyCode(long minor, String currency, String shown) {
        assertThat(Money.format(minor, currency)).isEqualTo(shown);
    }
}
