package io.github.embeddable4j.benchmarks;

import io.github.embeddable4j.core.Embeddable;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;

/**
 * The baseline to beat, written only for comparison: buffer the whole page, decode it, insert the snippet before
 * the first {@code </head>} with a plain string search, re-encode, set Content-Length. What many hand-written
 * injection filters do. Not for production: it ignores comments and scripts and holds whole pages in memory.
 */
final class NaiveBufferingFilter implements Filter {

    private final String snippet;

    NaiveBufferingFilter(Embeddable embeddable) {
        this.snippet = embeddable.scriptTag();
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletResponse response = (HttpServletResponse) res;
        Buffering wrapper = new Buffering(response);
        chain.doFilter(req, wrapper);
        wrapper.flushWriter();
        byte[] body = wrapper.buffer.toByteArray();
        String type = response.getContentType();
        if (type != null && type.startsWith("text/html")) {
            Charset cs = Charset.forName(response.getCharacterEncoding());
            String html = new String(body, cs);
            int at = html.indexOf("</head>");
            if (at >= 0) {
                body = (html.substring(0, at) + snippet + html.substring(at)).getBytes(cs);
            }
        }
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private static final class Buffering extends HttpServletResponseWrapper {
        final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private PrintWriter writer;

        Buffering(HttpServletResponse response) {
            super(response);
        }

        @Override
        public ServletOutputStream getOutputStream() {
            return new ServletOutputStream() {
                @Override
                public void write(int b) {
                    buffer.write(b);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    buffer.write(b, off, len);
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener listener) {
                    throw new UnsupportedOperationException();
                }
            };
        }

        @Override
        public PrintWriter getWriter() {
            if (writer == null) {
                writer = new PrintWriter(new OutputStreamWriter(buffer, Charset.forName(getCharacterEncoding())));
            }
            return writer;
        }

        void flushWriter() {
            if (writer != null) {
                writer.flush();
            }
        }

        @Override
        public void setContentLength(int len) {
        }

        @Override
        public void setContentLengthLong(long len) {
        }

        @Override
        public void flushBuffer() {
        }
    }
}
