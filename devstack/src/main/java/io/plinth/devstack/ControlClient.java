package io.plinth.devstack;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** The other end of {@link ControlServer}: what {@code ./plinth status|stop|start|...} run. */
final class ControlClient {

    /** A running devstack as its control file describes it. */
    record Endpoint(int port, String token, long pid) {
    }

    record Reply(int status, String body, boolean ready) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Endpoint endpoint;

    private ControlClient(Endpoint endpoint) {
        this.endpoint = endpoint;
    }

    /** The running devstack, if its control file exists and its process is alive. */
    static Optional<ControlClient> find(DevstackSettings settings) {
        return endpoint(ControlServer.controlFile(settings)).map(ControlClient::new);
    }

    static Optional<Endpoint> endpoint(Path controlFile) {
        if (!Files.isRegularFile(controlFile)) {
            return Optional.empty();
        }
        try {
            String[] parts = Files.readString(controlFile).trim().split("\\s+");
            Endpoint endpoint = new Endpoint(Integer.parseInt(parts[0]), parts[1], Long.parseLong(parts[2]));
            boolean alive = ProcessHandle.of(endpoint.pid()).map(ProcessHandle::isAlive).orElse(false);
            return alive ? Optional.of(endpoint) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    long pid() {
        return endpoint.pid();
    }

    Reply get(String path) throws IOException {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    Reply post(String path) throws IOException {
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + endpoint.port() + path);
    }

    private Reply send(HttpRequest.Builder request) throws IOException {
        try {
            HttpResponse<String> response = http.send(request
                            .header(ControlServer.TOKEN_HEADER, endpoint.token())
                            // start and restart wait for health, which may take minutes on a busy laptop
                            .timeout(Duration.ofMinutes(15))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            boolean ready = response.headers().firstValue(ControlServer.READY_HEADER).map(Boolean::parseBoolean).orElse(false);
            return new Reply(response.statusCode(), response.body().stripTrailing(), ready);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ConnectException e) {
            throw new IOException("the devstack (pid " + endpoint.pid() + ") does not answer on its control port", e);
        }
    }
}
