package io.github.embeddable4j.benchmarks;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;

/**
 * A baseline for comparison: wraps the response and its output stream and passes every byte straight on. What any
 * streaming response filter costs in the container, before it does any work of its own.
 */
final class PassThroughWrappingFilter implements Filter {

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        chain.doFilter(req, new HttpServletResponseWrapper((HttpServletResponse) res) {
            private ServletOutputStream stream;

            @Override
            public ServletOutputStream getOutputStream() throws IOException {
                if (stream == null) {
                    ServletOutputStream raw = super.getOutputStream();
                    stream = new ServletOutputStream() {
                        @Override
                        public void write(int b) throws IOException {
                            raw.write(b);
                        }

                        @Override
                        public void write(byte[] b, int off, int len) throws IOException {
                            raw.write(b, off, len);
                        }

                        @Override
                        public void flush() throws IOException {
                            raw.flush();
                        }

                        @Override
                        public boolean isReady() {
                            return raw.isReady();
                        }

                        @Override
                        public void setWriteListener(WriteListener listener) {
                            raw.setWriteListener(listener);
                        }
                    };
                }
                return stream;
            }
        });
    }
}
