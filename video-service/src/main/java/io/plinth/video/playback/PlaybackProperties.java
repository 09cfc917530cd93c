package io.plinth.video.playback;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * VdoCipher ({@code plinth.video.vdocipher.*}, env {@code PLINTH_VIDEO_VDOCIPHER_*}).
 *
 * @param baseUrl   {@code https://dev.vdocipher.com} in production; the provider sandbox locally
 * @param apiSecret the account's API secret, sent as {@code Authorization: Apisecret …}
 * @param otpTtl    how long an OTP lets the player start (VdoCipher's default is 300 s)
 * @param timeout   one OTP request
 */
@Validated
@ConfigurationProperties("plinth.video.vdocipher")
record PlaybackProperties(@NotNull URI baseUrl, @NotBlank String apiSecret, @NotNull Duration otpTtl,
        @NotNull Duration timeout) {
}
