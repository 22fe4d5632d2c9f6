package io.github.embeddable4j.servlet;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Makes async requests release the injector's held bytes before they complete. An {@code AsyncListener} is too
 * late on some containers (Jetty calls {@code onComplete} after the response is closed), so the request hands out
 * an {@link AsyncContext} whose {@code complete()} finishes the response first. {@code startAsync()} uses the
 * wrapped response, so what the application writes through {@code AsyncContext.getResponse()} is injected too.
 */
final class AsyncFinishingRequest extends HttpServletRequestWrapper {

    private final InjectingResponseWrapper response;
    private FinishingAsyncContext context;

    AsyncFinishingRequest(HttpServletRequest request, InjectingResponseWrapper response) {
        super(request);
        this.response = response;
    }

    @Override
    public AsyncContext startAsync() {
        return startAsync(this, response);
    }

    @Override
    public AsyncContext startAsync(ServletRequest request, ServletResponse servletResponse) {
        context = new FinishingAsyncContext(super.startAsync(request, servletResponse), response);
        return context;
    }

    @Override
    public AsyncContext getAsyncContext() {
        AsyncContext current = super.getAsyncContext();
        return context != null && context.delegate == current ? context : current;
    }

    private static final class FinishingAsyncContext implements AsyncContext {
        private final AsyncContext delegate;
        private final InjectingResponseWrapper response;

        FinishingAsyncContext(AsyncContext delegate, InjectingResponseWrapper response) {
            this.delegate = delegate;
            this.response = response;
        }

        @Override
        public void complete() {
            try {
                response.finish();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not write the end of the response", e);
            } finally {
                delegate.complete();
            }
        }

        @Override
        public ServletRequest getRequest() {
            return delegate.getRequest();
        }

        @Override
        public ServletResponse getResponse() {
            return delegate.getResponse();
        }

        @Override
        public boolean hasOriginalRequestAndResponse() {
            return delegate.hasOriginalRequestAndResponse();
        }

        @Override
        public void dispatch() {
            delegate.dispatch();
        }

        @Override
        public void dispatch(String path) {
            delegate.dispatch(path);
        }

        @Override
        public void dispatch(ServletContext context, String path) {
            delegate.dispatch(context, path);
        }

        @Override
        public void start(Runnable run) {
            delegate.start(run);
        }

        @Override
        public void addListener(AsyncListener listener) {
            delegate.addListener(listener);
        }

        @Override
        public void addListener(AsyncListener listener, ServletRequest request, ServletResponse response) {
            delegate.addListener(listener, request, response);
        }

        @Override
        public <T extends AsyncListener> T createListener(Class<T> clazz) throws ServletException {
            return delegate.createListener(clazz);
        }

        @Override
        public void setTimeout(long timeout) {
            delegate.setTimeout(timeout);
        }

        @Override
        public long getTimeout() {
            return delegate.getTimeout();
        }
    }
}
