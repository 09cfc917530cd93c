package io.plinth.payment.mpesa;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Base64;

/** Daraja's STK password: base64(shortcode + passkey + timestamp), the timestamp {@code yyyyMMddHHmmss} in Nairobi time. */
public record DarajaPassword(String password, String timestamp) {

    static final ZoneId EAT = ZoneId.of("Africa/Nairobi");
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(EAT);

    public static DarajaPassword at(Instant now, String shortcode, String passkey) {
        String timestamp = FORMAT.format(now);
        String password = Base64.getEncoder().encodeToString((shortcode + passkey + timestamp)
                .getBytes(StandardCharsets.UTF_8));
        return new DarajaPassword(password, timestamp);
    }
}
