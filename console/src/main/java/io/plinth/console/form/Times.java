package io.plinth.console.form;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.springframework.stereotype.Component;

/**
 * Instants as an operator reads them ("25 Nov 2026, 14:03:07 UTC"), for the pages' {@code fragments :: time}; the
 * exact ISO-8601 instant the API gave stays in the element's {@code datetime} and {@code title}. UTC, because the
 * server does not know the operator's zone and the APIs, logs and filters all speak UTC.
 */
@Component("times")
public class Times {

    private static final DateTimeFormatter READABLE =
            DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm:ss 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    public String readable(Instant at) {
        return at == null ? "—" : READABLE.format(at);
    }
}
