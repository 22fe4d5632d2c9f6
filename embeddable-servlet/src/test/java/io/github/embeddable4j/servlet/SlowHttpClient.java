package io.github.embeddable4j.servlet;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP/1.1 client that can read late, through a small socket buffer, so a server writing a large page has to
 * wait for it (non-blocking output becomes not ready). It checks the framing strictly: a chunked body must end with
 * its last chunk, a Content-Length must be met, and the body is decompressed when it is gzip-encoded.
 */
final class SlowHttpClient {

    /** Status, headers (lower-case names), the body as sent and as decoded. */
    record Response(int status, Map<String, String> headers, byte[] wire, byte[] body) {
    }

    private SlowHttpClient() {
    }

    /** A GET; a slow one starts reading 300 ms after sending the request. */
    static Response get(int port, String pathAndQuery, boolean acceptGzip, boolean slow)
            throws IOException, InterruptedException {
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(16 * 1024); // before connecting, so the window stays small
            socket.setSoTimeout(20_000);
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
                    + (acceptGzip ? "Accept-Encoding: gzip\r\n" : "") + "Connection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            if (slow) {
                Thread.sleep(300); // the buffers fill up meanwhile
            }
            InputStream in = new java.io.BufferedInputStream(socket.getInputStream());
            String statusLine = RawHttp.line(in);
            int status = Integer.parseInt(statusLine.split(" ")[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            for (String h = RawHttp.line(in); !h.isEmpty(); h = RawHttp.line(in)) {
                int colon = h.indexOf(':');
                headers.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
            }
            byte[] wire;
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                wire = dechunk(in);
            } else if (headers.containsKey("content-length")) {
                wire = in.readNBytes(Integer.parseInt(headers.get("content-length")));
                if (wire.length != Integer.parseInt(headers.get("content-length"))) {
                    throw new EOFException("Content-Length not met: " + wire.length + " of " + headers.get("content-length"));
                }
            } else {
                wire = in.readAllBytes(); // delimited by the end of the connection
            }
            byte[] body = wire;
            if ("gzip".equalsIgnoreCase(headers.get("content-encoding"))) {
                try (InputStream gz = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(wire))) {
                    body = gz.readAllBytes();
                }
            }
            return new Response(status, headers, wire, body);
        }
    }

    private static byte[] dechunk(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = RawHttp.line(in);
            int semicolon = sizeLine.indexOf(';');
            int size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            if (size == 0) {
                while (!RawHttp.line(in).isEmpty()) {
                    // trailers
                }
                return body.toByteArray();
            }
            byte[] chunk = in.readNBytes(size);
            if (chunk.length != size) {
                throw new EOFException("Chunk cut short: " + chunk.length + " of " + size);
            }
            body.write(chunk);
            if (!RawHttp.line(in).isEmpty()) {
                throw new IOException("No CRLF after a chunk");
            }
        }
    }
}
