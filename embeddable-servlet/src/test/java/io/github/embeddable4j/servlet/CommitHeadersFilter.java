package io.github.embeddable4j.servlet;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;

/**
 * A filter behind the injecting one that adds a header the way Spring Security's {@code HeaderWriterFilter} does: when
 * the response commits through its wrapper ({@code flushBuffer()}, or a flush or close of its stream or writer, as
 * Spring's {@code OnCommittedResponseWrapper} sees it), or else after the request, which is too late once something
 * else committed it.
 */
public class CommitHeadersFilter implements Filter {

    static final String HEADER = "X-Written-At-Commit";

    private final String name;
    private final String value;

    /** Writes {@code X-Written-At-Commit: 1}. */
    public CommitHeadersFilter() {
        this(HEADER, "1");
    }

    /** Writes the given header (a Content-Security-Policy, as Spring Security's writer does). */
    public CommitHeadersFilter(String name, String value) {
        this.name = name;
        this.value = value;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HeaderWriting wrapped = new HeaderWriting((HttpServletResponse) response, name, value);
        try {
            chain.doFilter(request, wrapped);
        } finally {
            wrapped.writeHeaders();
        }
    }

    private static final class HeaderWriting extends HttpServletResponseWrapper {
        private final String name;
        private final String value;
        private boolean written;

        HeaderWriting(HttpServletResponse response, String name, String value) {
            super(response);
            this.name = name;
            this.value = value;
        }

        void writeHeaders() {
            if (!written) {
                written = true;
                setHeader(name, value);
            }
        }

        @Override
        public void flushBuffer() throws IOException {
            writeHeaders();
            super.flushBuffer();
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            ServletOutputStream out = super.getOutputStream();
            return new ServletOutputStream() {
                @Override
                public void write(int b) throws IOException {
                    out.write(b);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                }

                @Override
                public void flush() throws IOException {
                    writeHeaders();
                    out.flush();
                }

                @Override
                public void close() throws IOException {
                    writeHeaders();
                    out.close();
                }

                @Override
                public boolean isReady() {
                    return out.isReady();
                }

                @Override
                public void setWriteListener(WriteListener listener) {
                    out.setWriteListener(listener);
                }
            };
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            return new PrintWriter(super.getWriter()) {
                @Override
                public void flush() {
                    writeHeaders();
                    super.flush();
                }

                @Override
                public void close() {
                    writeHeaders();
                    super.close();
                }
            };
        }
    }
}
