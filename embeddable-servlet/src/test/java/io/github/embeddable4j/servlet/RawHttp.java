package io.github.embeddable4j.servlet;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A bare HTTP/1.1 GET over a socket for the fault suites: it can read part of a body and then drop the connection
 * (with a reset, as a browser tab closed mid-page does), and it reads a body that a failing server cuts short
 * without calling that an error: it reports whether the framing completed (the last chunk, or the Content-Length).
 */
final class RawHttp implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final int status;
    private final Map<String, String> headers;
    private final BodyStream body;

    private RawHttp(Socket socket, InputStream in, int status, Map<String, String> headers) {
        this.socket = socket;
        this.in = in;
        this.status = status;
        this.headers = headers;
        this.body = new BodyStream();
    }

    /**
     * POSTs JSON to {@code path} declaring a body of {@code declaredLength} bytes but sending only the first 64 KB, as a
     * client with a huge upload would start; returns what the server answered (status line, headers, the start of the
     * body) before it closed or reset the connection.
     */
    static String oversizedJsonPost(int port, String path, int declaredLength) throws IOException {
        String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nContent-Type: application/json\r\nSec-Fetch-Site: same-origin\r\nContent-Length: "
                + declaredLength + "\r\n\r\n";
        return exchange(port, head, new byte[64 * 1024]);
    }

    /**
     * Sends a request's head and body as given, and returns what the server answered (status line, headers, the start
     * of the body, up to a JSON object's end) before it closed or reset the connection; empty when it answered nothing.
     */
    static String exchange(int port, String head, byte[] body) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder answer = new StringBuilder();
            byte[] buffer = new byte[4096];
            try {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    answer.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
                    if (answer.indexOf("}") > 0 && answer.indexOf("\r\n\r\n") > 0) {
                        break;
                    }
                }
            } catch (SocketException | java.net.SocketTimeoutException e) {
                // a reset after the answer was read is fine; what came before counts
            }
            return answer.toString();
        }
    }

    /** Sends a GET and reads the status line and headers. */
    static RawHttp get(int port, String pathAndQuery) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setSoTimeout(30_000);
            socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            OutputStream out = socket.getOutputStream();
            // A persistent connection (no "Connection: close"), so the server must frame the body (chunked or with a
            // length) and a body cut short shows as such; the client closes the socket when it is done.
            out.write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            String statusLine = line(in);
            int status = Integer.parseInt(statusLine.split(" ")[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            for (String h = line(in); !h.isEmpty(); h = line(in)) {
                int colon = h.indexOf(':');
                headers.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
            }
            return new RawHttp(socket, in, status, headers);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    int status() {
        return status;
    }

    Map<String, String> headers() {
        return headers;
    }

    /** Reads up to {@code n} body bytes (fewer only if the body ends or breaks off first). */
    byte[] read(int n) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(n, 1 << 20));
        byte[] buf = new byte[16 * 1024];
        while (out.size() < n) {
            int got = body.read(buf, 0, Math.min(buf.length, n - out.size()));
            if (got < 0) {
                break;
            }
            out.write(buf, 0, got);
        }
        return out.toByteArray();
    }

    /** The rest of the body, whether it ended properly or the connection broke. */
    Body readRest() throws IOException {
        byte[] bytes = read(Integer.MAX_VALUE);
        return new Body(bytes, body.complete, body.broken);
    }

    /** A body as received: {@code complete} when its framing ended properly, {@code broken} when the connection failed. */
    record Body(byte[] bytes, boolean complete, boolean broken) {
    }

    /** Drops the connection with a TCP reset, as a closed browser tab does. */
    void abort() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** The body, de-chunked or delimited by Content-Length or by the end of the connection. */
    private final class BodyStream {
        private final boolean chunked = "chunked".equalsIgnoreCase(headers.get("transfer-encoding"));
        private long remaining = headers.containsKey("content-length") ? Long.parseLong(headers.get("content-length")) : -1;
        private boolean complete;
        private boolean broken;
        private boolean done;

        int read(byte[] b, int off, int len) throws IOException {
            if (done) {
                return -1;
            }
            try {
                if (chunked) {
                    if (remaining <= 0) {
                        if (remaining == 0 && !line(in).isEmpty()) {
                            throw new IOException("no CRLF after a chunk");
                        }
                        String size = line(in);
                        int semicolon = size.indexOf(';');
                        remaining = Long.parseLong((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
                        if (remaining == 0) {
                            while (!line(in).isEmpty()) {
                                // trailers
                            }
                            return end(true);
                        }
                    }
                    int got = in.read(b, off, (int) Math.min(len, remaining));
                    if (got < 0) {
                        return end(false);
                    }
                    remaining -= got;
                    return got;
                }
                if (remaining == 0) {
                    return end(true);
                }
                int got = in.read(b, off, remaining < 0 ? len : (int) Math.min(len, remaining));
                if (got < 0) {
                    return end(remaining < 0); // without a length, the end of the connection ends the body
                }
                if (remaining > 0) {
                    remaining -= got;
                }
                return got;
            } catch (EOFException | SocketException e) {
                broken = true;
                return end(false);
            }
        }

        private int end(boolean properly) {
            done = true;
            complete = properly;
            return -1;
        }
    }

    /** One line of an HTTP head, without its CRLF; EOF when the connection ends first. */
    static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new EOFException("connection closed inside the response, after: " + sb);
            }
            if (c == '\n') {
                int len = sb.length();
                return len > 0 && sb.charAt(len - 1) == '\r' ? sb.substring(0, len - 1) : sb.toString();
            }
            sb.append((char) c);
        }
    }
}
