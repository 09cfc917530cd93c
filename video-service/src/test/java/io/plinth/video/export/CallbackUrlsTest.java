package io.plinth.video.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CallbackUrlsTest {

    /** A resolver with fixed answers: what public and rebinding DNS names say. */
    private static final Map<String, String[]> DNS = Map.of(
            "hooks.example.com", new String[] {"93.184.216.34"},
            "v6.example.com", new String[] {"2606:2800:220:1:248:1893:25c8:1946"},
            "internal.example.com", new String[] {"10.0.0.7"},
            "localtest.me", new String[] {"127.0.0.1"},
            "metadata.google.internal", new String[] {"169.254.169.254"},
            "mixed.example.com", new String[] {"93.184.216.34", "192.168.1.1"},
            "v6private.example.com", new String[] {"fd00::1"});

    private final CallbackUrls guard = new CallbackUrls(host -> {
        String[] answers = DNS.get(host);
        if (answers == null) {
            throw new UnknownHostException(host);
        }
        InetAddress[] addresses = new InetAddress[answers.length];
        for (int i = 0; i < answers.length; i++) {
            addresses[i] = InetAddress.getByName(answers[i]);
        }
        return addresses;
    });

    @ParameterizedTest
    @ValueSource(strings = {
            "https://hooks.example.com/capcut/done",
            "https://hooks.example.com:8443/x?y=1",
            "https://v6.example.com/cb",
            "https://93.184.216.34/cb",
            "https://[2606:2800:220:1:248:1893:25c8:1946]/cb"})
    void publicHttpsCallbacksAreAccepted(String url) {
        assertThat(guard.refusal(url)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "http://hooks.example.com/cb",                 // not https
            "ftp://hooks.example.com/cb",
            "https://user:pass@hooks.example.com/cb",      // credentials
            "https://user@hooks.example.com/cb",
            "https://127.0.0.1/cb",                        // loopback
            "https://10.1.2.3/cb",                         // RFC 1918
            "https://172.16.0.1/cb",
            "https://192.168.0.10/cb",
            "https://169.254.169.254/latest/meta-data/",   // cloud metadata, link-local
            "https://100.64.0.1/cb",                       // carrier-grade NAT
            "https://0.0.0.0/cb",
            "https://[::1]/cb",                            // IPv6 loopback
            "https://[fe80::1]/cb",                        // IPv6 link-local
            "https://[fd12:3456::1]/cb",                   // IPv6 unique local
            "https://[::ffff:127.0.0.1]/cb",               // IPv4-mapped loopback
            "https://[::ffff:a9fe:a9fe]/cb",               // IPv4-mapped metadata
            "https://[64:ff9b::a00:1]/cb",                 // NAT64 of 10.0.0.1
            "https://2130706433/cb",                       // decimal 127.0.0.1
            "https://0177.0.0.1/cb",                       // octal
            "https://0x7f.0.0.1/cb",                       // hex
            "https://0x7f000001/cb",
            "https://127.1/cb",                            // short form
            "https://internal.example.com/cb",             // a name that resolves to a private address
            "https://localtest.me/cb",
            "https://metadata.google.internal/computeMetadata/v1/",
            "https://mixed.example.com/cb",                // one private answer among public ones is enough
            "https://v6private.example.com/cb",
            "https://nowhere.example.com/cb",              // does not resolve
            "https://exa mple.com/cb",
            "https:///cb",
            "not a url",
            ""})
    void everythingElseIsRefused(String url) {
        assertThat(guard.refusal(url)).as(url).isPresent();
    }
}
