package io.plinth.sandbox.stripe;

/** What Stripe's test mode does with a card number (PROVIDERS.md). */
enum TestCards {
    SUCCEEDS(null, null),
    DECLINED("card_declined", "generic_decline"),
    INSUFFICIENT_FUNDS("card_declined", "insufficient_funds"),
    INVALID_NUMBER("incorrect_number", null);

    final String code;
    final String declineCode;

    TestCards(String code, String declineCode) {
        this.code = code;
        this.declineCode = declineCode;
    }

    static TestCards of(String cardNumber) {
        String digits = cardNumber == null ? "" : cardNumber.replaceAll("[\\s-]", "");
        if (!digits.matches("\\d{12,19}") || !luhn(digits)) {
            return INVALID_NUMBER;
        }
        return switch (digits) {
            case "4000000000000002" -> DECLINED;
            case "4000000000009995" -> INSUFFICIENT_FUNDS;
            default -> SUCCEEDS;
        };
    }

    String message() {
        return switch (this) {
            case SUCCEEDS -> null;
            case DECLINED -> "Your card was declined.";
            case INSUFFICIENT_FUNDS -> "Your card has insufficient funds.";
            case INVALID_NUMBER -> "Your card number is incorrect.";
        };
    }

    private static boolean luhn(String digits) {
        int sum = 0;
        boolean doubled = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (doubled) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubled = !doubled;
        }
        return sum % 10 == 0;
    }
}
