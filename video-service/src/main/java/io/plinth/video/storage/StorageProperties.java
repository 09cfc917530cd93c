package io.plinth.video.storage;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where videos are stored ({@code plinth.video.storage.*}, env {@code PLINTH_VIDEO_STORAGE_*}).
 *
 * @param endpoint     the S3 API's base URL; null for AWS S3 itself (the SDK's regional endpoint)
 * @param publicEndpoint the base URL clients download from, when it differs from {@code endpoint} (docker compose:
 *                     the service reaches {@code http://s3:9000}, a browser {@code http://localhost:9000}); presigned
 *                     URLs are signed for this host. Null: the same as {@code endpoint}
 * @param region       {@code auto} for R2
 * @param pathStyle    bucket in the path rather than the host name (S3Proxy, MinIO)
 * @param createBucket create the bucket at start-up when missing (devstack, tests); production buckets are provisioned
 * @param presignTtl   how long a download URL works (S3 allows up to 7 days)
 */
@Validated
@ConfigurationProperties("plinth.video.storage")
public record StorageProperties(URI endpoint, URI publicEndpoint, @NotBlank String region, @NotBlank String bucket,
        @NotBlank String accessKey, @NotBlank String secretKey, boolean pathStyle, boolean createBucket,
        @NotNull Duration presignTtl) {
}
