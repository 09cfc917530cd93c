package io.plinth.payment.mpesa;

import java.util.Optional;

/**
 * Kenyan mobile numbers in the form Daraja takes ({@code 2547XXXXXXXX} / {@code 2541XXXXXXXX}), from what people
 * type: {@code 0712 345 678}, {@code +254 712-345-678}, {@code 254712345678}, {@code 712345678}.
 */
public final class PhoneNumbers {

    private PhoneNumbers() {
    }

    public static Optional<String> normalise(String input) {
        if (input == null) {
            return Optional.empty();
        }
        String digits = input.strip().replaceAll("[\\s()-]", "");
        if (digits.startsWith("+")) {
            digits = digits.substring(1);
            if (!digits.startsWith("254")) {
                return Optional.empty();
            }
        }
        if (!digits.matches("\\d+")) {
            return Optional.empty();
        }
        String national;
        if (digits.startsWith("254") && digits.length() == 12) {
            national = digits.substring(3);
        } else if (digits.startsWith("0") && digits.length() == 10) {
            national = digits.substring(1);
        } else if (digits.length() == 9) {
            national = digits;
        } else {
            return Optional.empty();
        }
        return national.matches("[17]\\d{8}") ? Optional.of("254" + national) : Optional.empty();
    }
}
