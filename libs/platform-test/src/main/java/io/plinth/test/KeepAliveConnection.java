package io.plinth.test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One HTTP/1.1 connection to a running server, written to byte by byte, so a test can send what
 * {@code WebTestClient} never does on purpose: several requests back to back before reading any
 * answer (pipelining), and then more on the same connection. Reactor Netty before 1.3.8 stopped
 * reading such a connection after a pipelined request that was answered at once; the next request
 * then waited until the client gave up (60 s in our CI, reactor/reactor-netty#4361). Clients that
 * reuse a connection the moment a response ends (the gateway, WebClient pools) can land in that
 * window without pipelining on purpose.
 */
public final class KeepAliveConnection implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public KeepAliveConnection(int port, Duration readTimeout) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout((int) readTimeout.toMillis());
        socket.setTcpNoDelay(true);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** Writes a GET request for each path in one write, then reads their status codes in order. */
    public List<Integer> pipeline(String... paths) throws IOException {
        StringBuilder requests = new StringBuilder();
        for (String path : paths) {
            requests.append("GET ").append(path).append(" HTTP/1.1\r\nHost: localhost\r\nAccept: application/json\r\n\r\n");
        }
        out.write(requests.toString().getBytes(StandardCharsets.US_ASCII));
        out.flush();
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < paths.length; i++) {
            statuses.add(readResponse());
        }
        return statuses;
    }

    /** Reads one response (headers and a Content-Length or chunked body) and returns its status code. */
    private int readResponse() throws IOException {
        String statusLine;
        try {
            statusLine = readLine();
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no response on the kept-alive connection within "
                    + socket.getSoTimeout() + " ms: the server stopped reading it", e);
        }
        long contentLength = -1;
        boolean chunked = false;
        for (String header = readLine(); !header.isEmpty(); header = readLine()) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                contentLength = Long.parseLong(lower.substring("content-length:".length()).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        if (chunked) {
            for (long size = Long.parseLong(readLine().split(";")[0].trim(), 16); size > 0;
                    size = Long.parseLong(readLine().split(";")[0].trim(), 16)) {
                in.readNBytes((int) size);
                readLine();
            }
            readLine();
        } else if (contentLength > 0) {
            in.readNBytes((int) contentLength);
        }
        return Integer.parseInt(statusLine.split(" ")[1]);
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b == -1) {
                throw new IOException("connection closed by the server after: " + line);
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
