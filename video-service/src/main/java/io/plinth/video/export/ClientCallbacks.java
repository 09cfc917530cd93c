package io.plinth.video.export;

import io.netty.resolver.AddressResolverGroup;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.util.retry.Retry;

/**
 * Tells a client's {@code callbackUrl} that its export ended, signed the way Plinth's own
 * providers sign: {@code Plinth-Signature: t=<unix>,v1=<hex HMAC-SHA256(secret, "t.body")>}.
 * Redirects are not followed and every address connected to must be public (checked by the
 * resolver, at delivery time). A few attempts, then it is logged and given up: the client can
 * always read the export's state.
 */
final class ClientCallbacks {

    private static final Logger log = LoggerFactory.getLogger(ClientCallbacks.class);

    private final WebClient http;
    private final byte[] secret;
    private final Clock clock;

    ClientCallbacks(WebClient.Builder builder, String secret, Duration timeout, Clock clock) {
        this(builder, secret, timeout, clock, CallbackResolverGroup.publicOnly());
    }

    /** With another resolver: tests show what the public-only one prevents by delivering without it. */
    ClientCallbacks(WebClient.Builder builder, String secret, Duration timeout, Clock clock,
            AddressResolverGroup<? extends SocketAddress> resolver) {
        HttpClient client = HttpClient.create()
                .resolver(resolver)
                .followRedirect(false)
                .responseTimeout(timeout);
        this.http = builder.clone().clientConnector(new ReactorClientHttpConnector(client)).build();
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
    }

    Mono<Void> notify(String url, String json) {
        return Mono.defer(() -> {
                    long t = clock.instant().getEpochSecond();
                    return http.post().uri(url)
                            .contentType(MediaType.APPLICATION_JSON)
                            .header("Plinth-Signature", "t=" + t + ",v1=" + sign(t + "." + json))
                            .bodyValue(json)
                            .retrieve()
                            .toBodilessEntity();
                })
                .retryWhen(Retry.backoff(2, Duration.ofSeconds(1)))
                .doOnSuccess(ok -> log.info("Export callback delivered to {}", url))
                .onErrorResume(e -> {
                    log.warn("Export callback to {} failed, giving up: {}", url, e.toString());
                    return Mono.empty();
                })
                .then();
    }

    String sign(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
