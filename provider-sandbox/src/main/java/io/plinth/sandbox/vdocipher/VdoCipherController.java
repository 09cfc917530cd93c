package io.plinth.sandbox.vdocipher;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * VdoCipher's OTP API as the real one answers it: {@code POST /api/videos/{videoId}/otp} with
 * {@code Authorization: Apisecret <secret>} and {@code {"ttl": 300}} → {@code {otp, playbackInfo}},
 * where {@code playbackInfo} is base64 JSON naming the video. A missing or wrong secret is a 403
 * with VdoCipher's message. {@code GET /_sandbox/vdocipher/otps} lists what was issued, newest first.
 */
@RestController
class VdoCipherController {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_TTL = 21_600;

    private final byte[] apiSecret;
    private final List<Map<String, Object>> issued = new ArrayList<>();

    VdoCipherController(@Value("${plinth.sandbox.vdocipher.api-secret:sandbox-vdocipher-secret}") String apiSecret) {
        this.apiSecret = apiSecret.getBytes(StandardCharsets.UTF_8);
    }

    @PostMapping("/api/videos/{videoId}/otp")
    ResponseEntity<Map<String, Object>> otp(@PathVariable("videoId") String videoId,
            @RequestHeader(name = "Authorization", required = false) String authorization,
            @RequestBody(required = false) Map<String, Object> body) {
        if (!authorized(authorization)) {
            return ResponseEntity.status(HttpStatus.FORBIDDEN).body(Map.of("message", "Invalid api secret"));
        }
        Object ttlValue = body == null ? null : body.get("ttl");
        long ttl = ttlValue instanceof Number n ? n.longValue() : 300;
        if (ttl < 1 || ttl > MAX_TTL || !videoId.matches("[A-Za-z0-9-]{1,64}")) {
            return ResponseEntity.badRequest().body(Map.of("message", "Invalid ttl or video id"));
        }
        byte[] otp = new byte[32];
        RANDOM.nextBytes(otp);
        String playbackInfo = Base64.getEncoder().encodeToString(
                ("{\"videoId\":\"" + videoId + "\"}").getBytes(StandardCharsets.UTF_8));
        Map<String, Object> answer = Map.of("otp", HexFormat.of().formatHex(otp), "playbackInfo", playbackInfo);
        synchronized (issued) {
            issued.add(0, Map.of("videoId", videoId, "ttl", ttl, "issuedAt", Instant.now().toString()));
        }
        return ResponseEntity.ok(answer);
    }

    @GetMapping("/_sandbox/vdocipher/otps")
    Map<String, Object> otps() {
        synchronized (issued) {
            return Map.of("data", List.copyOf(issued));
        }
    }

    /** Constant-time comparison of the secret after the {@code Apisecret } scheme. */
    private boolean authorized(String authorization) {
        if (authorization == null || !authorization.startsWith("Apisecret ")) {
            return false;
        }
        byte[] given = authorization.substring("Apisecret ".length()).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, apiSecret);
    }
}
