package io.github.embeddable4j.servlet;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.jspecify.annotations.NullUnmarked;

/**
 * Makes async requests release the injector's held bytes before they complete. An {@code AsyncListener} is too
 * late on some containers (Jetty calls {@code onComplete} after the response is closed), so the request hands out
 * an {@link AsyncContext} whose {@code complete()} finishes the response first (with non-blocking output, once the
 * container is ready for the held bytes). Listeners added through that context get events that carry it, so a
 * listener that completes through {@code event.getAsyncContext()} finishes the response too. {@code startAsync()}
 * uses the wrapped response, so what the application writes through {@code AsyncContext.getResponse()} is injected.
 */
@NullUnmarked // internal: state that is null between the phases of a response, checked where used
final class AsyncFinishingRequest extends HttpServletRequestWrapper {

    private final InjectingResponseWrapper response;
    /** The finishing context for the container's current one (containers may reuse or replace theirs). */
    private FinishingAsyncContext context;

    AsyncFinishingRequest(HttpServletRequest request, InjectingResponseWrapper response) {
        super(request);
        this.response = response;
    }

    /** Whether the request is, or wraps, one of these. */
    static boolean isWrapping(ServletRequest request) {
        ServletRequest r = request;
        while (r instanceof ServletRequestWrapper w) {
            if (r instanceof AsyncFinishingRequest) {
                return true;
            }
            r = w.getRequest();
        }
        return false;
    }

    @Override
    public AsyncContext startAsync() {
        return startAsync(this, response);
    }

    @Override
    public AsyncContext startAsync(ServletRequest request, ServletResponse servletResponse) {
        return finishing(super.startAsync(request, servletResponse));
    }

    @Override
    public AsyncContext getAsyncContext() {
        AsyncContext current = super.getAsyncContext();
        return current == null ? null : finishing(current);
    }

    private synchronized FinishingAsyncContext finishing(AsyncContext container) {
        if (context == null || context.delegate != container) {
            context = new FinishingAsyncContext(container);
        }
        return context;
    }

    private final class FinishingAsyncContext implements AsyncContext {
        private final AsyncContext delegate;

        FinishingAsyncContext(AsyncContext delegate) {
            this.delegate = delegate;
        }

        @Override
        public void complete() {
            try {
                response.finishThen(delegate::complete);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not write the end of the response", e);
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
            delegate.addListener(new ListenerSeeingThisContext(listener));
        }

        @Override
        public void addListener(AsyncListener listener, ServletRequest request, ServletResponse response) {
            delegate.addListener(new ListenerSeeingThisContext(listener), request, response);
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

    /**
     * Passes the container's events on with the finishing context in them, so {@code event.getAsyncContext()
     * .complete()} releases the held bytes first. After a new {@code startAsync()}, the event carries the finishing
     * context for the container's new one.
     */
    private final class ListenerSeeingThisContext implements AsyncListener {
        private final AsyncListener listener;

        ListenerSeeingThisContext(AsyncListener listener) {
            this.listener = listener;
        }

        private AsyncEvent withFinishingContext(AsyncEvent event) {
            AsyncContext container = event.getAsyncContext();
            return new AsyncEvent(container == null ? null : finishing(container), event.getSuppliedRequest(),
                    event.getSuppliedResponse(), event.getThrowable());
        }

        @Override
        public void onComplete(AsyncEvent event) throws IOException {
            listener.onComplete(withFinishingContext(event));
        }

        @Override
        public void onTimeout(AsyncEvent event) throws IOException {
            listener.onTimeout(withFinishingContext(event));
        }

        @Override
        public void onError(AsyncEvent event) throws IOException {
            listener.onError(withFinishingContext(event));
        }

        @Override
        public void onStartAsync(AsyncEvent event) throws IOException {
            listener.onStartAsync(withFinishingContext(event));
        }
    }
}
