package io.plinth.video.export;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * CapCut and client callbacks ({@code plinth.video.capcut.*}, env {@code PLINTH_VIDEO_CAPCUT_*}).
 *
 * @param baseUrl        CapCut's API; the provider sandbox locally
 * @param webhookUrl     where CapCut sends its signed completion webhook: Plinth's ingress through the gateway
 * @param callbackSecret signs the notifications sent to clients' {@code callbackUrl}s
 */
@Validated
@ConfigurationProperties("plinth.video.capcut")
record ExportProperties(@NotNull URI baseUrl, @NotBlank String apiKey, @NotBlank String apiSecret,
        @NotNull URI webhookUrl, @NotBlank String callbackSecret, @NotNull Duration timeout) {
}
