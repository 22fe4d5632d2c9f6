package io.github.embeddable4j.spring.webflux;

import io.github.embeddable4j.core.inject.InjectingOutputStream;
import io.github.embeddable4j.core.inject.InjectionRules;
import io.github.embeddable4j.core.inject.PageRequests;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ZeroCopyHttpOutputMessage;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SynchronousSink;

/**
 * Adapts the core's streaming injector to a WebFlux response. It decides when the body is handed over (headers and
 * status are set by then), copies only the buffers it scans (usually the first) and passes the rest on as they are.
 * While the page may change, its {@code Content-Length} and validators are held back; at commit they go out again if
 * the page stayed as written (a fragment), and the injected-header goes out if the snippet is in.
 *
 * <p>Zero-copy file transfer stays for every response that does not get the widget; a page served from a file is read
 * into buffers instead.
 */
final class InjectingServerHttpResponse extends ServerHttpResponseDecorator implements ZeroCopyHttpOutputMessage {

    private static final int FILE_BUFFER = 8192;
    /** Room for the bytes the injector held back from the buffer before (at most 6). */
    private static final int HELD = 8;

    private final Map<String, Object> attributes;
    /** The snippet for a nonce: the loader, and the bridge script once its CSRF token is known. */
    private final Function<@Nullable String, Mono<String>> snippets;
    private final InjectionRules rules;
    private final List<String> nonceAttributes;
    private final boolean head;
    /** Whether {@link #keepFramed} added {@code Transfer-Encoding: chunked}, to take out if the length goes back. */
    private boolean addedChunked;
    /** Whether a byte of the body has been handed over: a HEAD's empty body is not the page. */
    private boolean bodySeen;
    /** Whether {@link #startInjecting()} has decided, and its answer. */
    private boolean decided;
    private boolean injecting;
    /** The page's nonce, found when {@link #startInjecting()} decided. */
    private @Nullable String nonce;
    /** Made when the body is first written, once the snippet is known. */
    private @Nullable InjectingOutputStream injector;
    private final Sink injected = new Sink();
    /** The snippet, once known: an error page written in place of the page ({@link #restart}) gets it too. */
    private byte @Nullable [] snippet;
    /** Whether {@link #settleHeaders} is registered to run at commit (once, whatever the restarts). */
    private boolean settling;
    /** Headers held back while the page may change: {Content-Length and validators}, name and values. */
    private final List<Map.Entry<String, List<String>>> held = new ArrayList<>();

    InjectingServerHttpResponse(ServerHttpResponse response, Map<String, Object> attributes,
            Function<@Nullable String, Mono<String>> snippets, InjectionRules rules, List<String> nonceAttributes, boolean head) {
        super(response);
        this.attributes = attributes;
        this.snippets = snippets;
        this.rules = rules;
        this.nonceAttributes = nonceAttributes;
        this.head = head;
        if (head) {
            beforeCommit(() -> Mono.fromRunnable(this::headWithoutBody));
        }
    }

    /**
     * At the commit of a HEAD response: one answered with headers only (WebFlux's static resources) gets GET's headers.
     * A length set is the page's without the snippet, shorter than the GET body: HTTP forbids sending it on HEAD
     * (RFC 9110, 8.6) but allows none, which is said as GET's framing, chunked. No validators either, and the
     * injected-header.
     */
    private void headWithoutBody() {
        if (decided || skipped() || verdict() != InjectionRules.Verdict.INJECT) {
            return;
        }
        List<Map.Entry<String, List<String>>> removed = remove(getHeaders(), InjectingServerHttpResponse::describesTheBody);
        boolean lengthRemoved = removed.stream().anyMatch(e -> HttpHeaders.CONTENT_LENGTH.equalsIgnoreCase(e.getKey()));
        if (!keepFramed(removed) && lengthRemoved && getHeaders().getFirst(HttpHeaders.TRANSFER_ENCODING) == null
                && framesHeadAsChunked()) {
            getHeaders().set(HttpHeaders.TRANSFER_ENCODING, "chunked");
        }
        markInjected();
    }

    private void markInjected() {
        String header = rules.injectedHeader();
        if (header != null) {
            getHeaders().set(header, "1");
        }
    }

    /**
     * After the length was taken out: on Reactor Netty, makes sure the body is still framed. Reactor Netty frames a
     * response by its headers as they stand: {@code Transfer-Encoding: chunked} from the start, taken out by itself
     * only when it sends a length. A relay that copies an upstream's length takes it out first (Spring Cloud Gateway
     * does): without either header the body would be ended by closing the connection (a gateway trial found each
     * injected page closing its connection). Servlet containers frame the body themselves, so only Netty's headers are
     * touched. Returns whether the header was added.
     */
    private boolean keepFramed(List<Map.Entry<String, List<String>>> removed) {
        HttpHeaders headers = getHeaders();
        boolean lengthRemoved = removed.stream().anyMatch(e -> HttpHeaders.CONTENT_LENGTH.equalsIgnoreCase(e.getKey()));
        if (!lengthRemoved || headers.getFirst(HttpHeaders.TRANSFER_ENCODING) != null || !onReactorNetty()) {
            return false;
        }
        headers.set(HttpHeaders.TRANSFER_ENCODING, "chunked");
        return true;
    }

    /**
     * Whether a HEAD whose length was taken out must say chunked, as its GET's body goes. Jetty and Undertow count the
     * body of a response that ends without one, and said {@code Content-Length: 0}, a page of nothing (trials); chunked
     * leaves the length out. Jetty drops the header where HTTP forbids it (HTTP/1.0, HTTP/2); Undertow passes it on,
     * so there only for HTTP/1.1 (its HTTP/1.0 and HTTP/2 HEADs keep the 0). Not on Tomcat: it frames such a HEAD
     * itself, and passes a header set here on to HTTP/1.0 and HTTP/2 clients, which must not get it (a review).
     */
    private boolean framesHeadAsChunked() {
        if (onServer("org.eclipse.jetty.")) {
            return true;
        }
        if (!onServer("io.undertow.")) {
            return false;
        }
        try { // Undertow's HttpServerExchange, without a compile-time dependency on Undertow
            Object exchange = ServerHttpResponseDecorator.getNativeResponse(getDelegate());
            return Boolean.TRUE.equals(exchange.getClass().getMethod("isHttp11").invoke(exchange));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    private boolean onReactorNetty() {
        return onServer("reactor.netty.");
    }

    /** Whether the server's own response is of a class in {@code pkg}. */
    private boolean onServer(String pkg) {
        try {
            Object server = ServerHttpResponseDecorator.getNativeResponse(getDelegate());
            return server.getClass().getName().startsWith(pkg);
        } catch (RuntimeException e) {
            return false; // a response that is not a server's (a test's mock)
        }
    }

    /** Whether the snippet is in the page written so far. */
    boolean snippetInjected() {
        InjectingOutputStream in = injector;
        return in != null && in.injected();
    }

    /** Content-Length and the validators: what the snippet makes wrong. */
    private static boolean describesTheBody(String name) {
        return HttpHeaders.CONTENT_LENGTH.equalsIgnoreCase(name) || PageRequests.isValidator(name);
    }

    private boolean skipped() {
        return Boolean.TRUE.equals(attributes.get(InjectionRules.SKIP_ATTRIBUTE));
    }

    private InjectionRules.Verdict verdict() {
        HttpHeaders headers = getHeaders();
        @Nullable String type = headers.getFirst(HttpHeaders.CONTENT_TYPE);
        @Nullable String charset;
        try {
            // the parameter as written: getCharset() throws for an unknown charset, which core answers "pass"
            charset = type == null ? null : MediaType.parseMediaType(type).getParameter("charset");
        } catch (InvalidMediaTypeException e) {
            return InjectionRules.Verdict.PASS; // a type that cannot be read is not a page to change
        }
        HttpStatusCode status = getStatusCode();
        return rules.check(status == null ? 200 : status.value(), type, headers.getFirst(HttpHeaders.CONTENT_ENCODING),
                headers.getFirst(HttpHeaders.CONTENT_DISPOSITION), charset == null ? null : charset.replace("\"", ""));
    }

    @Override
    public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
        if (!startInjecting()) {
            return super.writeWith(body);
        }
        if (body instanceof Mono<? extends DataBuffer> one) {
            // One buffer stays one (HEAD then counts the GET body's length): inject and finish in one go.
            return one.map(Optional::of).defaultIfEmpty(Optional.empty()).flatMap(buffer -> buffer.isEmpty()
                    ? withInjector(() -> super.writeWith(Mono.empty())) : writeOne(buffer.get()));
        }
        return withInjector(() -> super.writeWith(Flux.from(body).<DataBuffer>handle(this::through).concatWith(rest())));
    }

    /**
     * A body of one buffer, which an encoder has already allocated: if the write is cancelled or fails while the
     * snippet is still coming (the bridge's CSRF token from a session store, say), the buffer is released here, as
     * Spring's own responses release a {@code Mono} body's buffer that was never written. (A {@code Flux} body is not
     * subscribed then, as with Spring's: its buffers are made as it is read.)
     */
    private Mono<Void> writeOne(DataBuffer buffer) {
        AtomicBoolean handedOver = new AtomicBoolean();
        Runnable releaseUnlessHandedOver = () -> {
            if (handedOver.compareAndSet(false, true)) {
                DataBufferUtils.release(buffer);
            }
        };
        return withInjector(() -> super.writeWith(Mono.fromCallable(() -> {
            if (!handedOver.compareAndSet(false, true)) {
                throw new IllegalStateException("the write was cancelled"); // and the buffer released
            }
            return through(buffer, true);
        }))).doOnError(e -> releaseUnlessHandedOver.run()).doOnCancel(releaseUnlessHandedOver);
    }

    @Override
    public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
        if (!startInjecting()) {
            return super.writeAndFlushWith(body);
        }
        return withInjector(() -> {
            Flux<Publisher<DataBuffer>> chunks = Flux.from(body).map(chunk -> Flux.from(chunk).<DataBuffer>handle(this::through));
            return super.writeAndFlushWith(chunks.concatWith(Mono.just(rest())));
        });
    }

    /**
     * Writes once the injector is made: its snippet may wait for the bridge's CSRF token (a reactive lookup, asked only
     * now, for a page that gets the widget, so no other response makes a session for it).
     */
    private Mono<Void> withInjector(Supplier<Mono<Void>> write) {
        if (injector != null) {
            return write.get();
        }
        byte[] known = snippet;
        if (known != null) { // an error page after the page: the same snippet, a new injector
            injector = new InjectingOutputStream(injected, known, rules.point());
            return write.get();
        }
        return snippets.apply(nonce).flatMap(text -> {
            // Without a charset, Spring's encoders write text as UTF-8; the snippet is ASCII in any case.
            MediaType type = getHeaders().getContentType(); // readable and its charset known: the verdict said so
            Charset charset = type == null ? null : type.getCharset();
            byte[] bytes = text.getBytes(charset == null ? StandardCharsets.UTF_8 : charset);
            snippet = bytes;
            injector = new InjectingOutputStream(injected, bytes, rules.point());
            return write.get();
        });
    }

    @Override
    public Mono<Void> writeWith(Path file, long position, long count) {
        ServerHttpResponse delegate = getDelegate();
        if (!startInjecting() && delegate instanceof ZeroCopyHttpOutputMessage zeroCopy) {
            return zeroCopy.writeWith(file, position, count);
        }
        Flux<DataBuffer> read = DataBufferUtils.readAsynchronousFileChannel(
                () -> AsynchronousFileChannel.open(file, StandardOpenOption.READ), position, bufferFactory(), FILE_BUFFER);
        return writeWith(DataBufferUtils.takeUntilByteCount(read, count));
    }

    /** Decides once, when the body is first handed over: whether to scan it, and if so holds back what it may change. */
    private boolean startInjecting() {
        if (decided) {
            return injecting;
        }
        decided = true;
        HttpHeaders headers = getHeaders();
        InjectionRules.Verdict verdict = verdict();
        if (skipped()) {
            if (verdict == InjectionRules.Verdict.INJECT && attributes.get(InjectionRules.SKIP_FOR_VISITOR_ATTRIBUTE) != null) {
                remove(headers, PageRequests::isValidator); // this copy is this visitor's: no 304 may keep it for the next
            }
            return false;
        }
        if (verdict != InjectionRules.Verdict.INJECT) {
            return false; // UNDECIDED too: a type not set by the time the body is written will not be set
        }
        String found = policyNonce(headers);
        nonce = found != null ? found : PageRequests.nonce(nonceAttributes, attributes::get);
        held.addAll(remove(headers, InjectingServerHttpResponse::describesTheBody));
        addedChunked = keepFramed(held);
        injecting = true;
        if (!settling) {
            settling = true;
            beforeCommit(() -> Mono.fromRunnable(this::settleHeaders));
        }
        return true;
    }

    /**
     * Forgets the page: an error page is about to be written in its place (see {@link EmbeddableWebFilter}'s error
     * pages), and is judged as itself. The headers held back described the failed page's body, so they are dropped.
     */
    void restart() {
        decided = false;
        injecting = false;
        injector = null;
        bodySeen = false;
        held.clear();
        if (addedChunked) {
            remove(getHeaders(), HttpHeaders.TRANSFER_ENCODING::equalsIgnoreCase);
            addedChunked = false;
        }
    }

    /** At commit: the marker header when the snippet is in; the held headers back when the page stayed as written. */
    private void settleHeaders() {
        InjectingOutputStream in = injector;
        if (in == null) {
            return;
        }
        if (verdict() != InjectionRules.Verdict.INJECT) {
            // Not the page decided on: an error answer that WebFlux's handlers write in its place, on the response
            // beneath this one. The held headers described the failed page's body, and no widget is in this one.
            held.clear();
            return;
        }
        if (in.injected()) {
            markInjected();
        } else if (head && !bodySeen) {
            // Headers only, written as an empty body (Spring Cloud Gateway relays an upstream's HEAD so): as
            // headWithoutBody, GET's headers; the held length and validators are the upstream page's, without the widget.
            markInjected();
        } else if (!in.scanning()) { // a fragment, or a whole page without a marker: unchanged
            if (addedChunked) {
                remove(getHeaders(), HttpHeaders.TRANSFER_ENCODING::equalsIgnoreCase);
            }
            held.forEach(entry -> getHeaders().addAll(entry.getKey(), entry.getValue()));
        }
        held.clear();
    }

    private void through(DataBuffer buffer, SynchronousSink<DataBuffer> sink) {
        DataBuffer out = through(buffer, false);
        if (out.readableByteCount() > 0) {
            sink.next(out);
        } else {
            DataBufferUtils.release(out); // empty, or all of it may begin the marker: held for the next buffer
        }
    }

    /** A buffer through the injector while it looks for the marker; afterwards the buffer itself. */
    private DataBuffer through(DataBuffer buffer, boolean last) {
        InjectingOutputStream in = injector;
        if (in == null || !in.scanning()) {
            return buffer;
        }
        bodySeen |= buffer.readableByteCount() > 0;
        // One bulk copy (Netty's readBytes is an array copy or a memory copy). Not through readableByteBuffers():
        // they are read-only views, whose get(byte[]) copies byte by byte on Java 17 (4.5% of a Netty profile).
        byte[] bytes = new byte[buffer.readableByteCount()];
        buffer.read(bytes);
        DataBufferUtils.release(buffer);
        byte[] known = snippet;
        injected.start(bytes.length + (known == null ? 0 : known.length) + HELD);
        try {
            in.write(bytes, 0, bytes.length);
            if (last) {
                in.finish();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // the sink does not throw
        }
        return injected.take(bufferFactory());
    }

    /** The bytes held back for a marker that did not come, at the end of the body. */
    private Mono<DataBuffer> rest() {
        return Mono.defer(() -> {
            InjectingOutputStream in = injector;
            if (in == null || !in.scanning()) {
                return Mono.empty();
            }
            injected.start(HELD);
            try {
                in.finish();
            } catch (IOException e) {
                return Mono.error(e);
            }
            DataBuffer rest = injected.take(bufferFactory());
            return rest.readableByteCount() == 0 ? Mono.empty() : Mono.just(rest);
        });
    }

    /**
     * The nonce of the page's own Content-Security-Policy header for scripts, if it set one: what the browser enforces;
     * else of its report-only policy's, during a rollout.
     */
    private static @Nullable String policyNonce(HttpHeaders headers) {
        return PageRequests.policyNonce(policies(headers, false), policies(headers, true));
    }

    /** The page's enforced or report-only policies. */
    static List<String> policies(HttpHeaders headers, boolean reportOnly) {
        String wanted = reportOnly ? "Content-Security-Policy-Report-Only" : "Content-Security-Policy";
        List<String> policies = new ArrayList<>(1);
        headers.forEach((name, values) -> {
            if (wanted.equalsIgnoreCase(name)) {
                policies.addAll(values);
            }
        });
        return policies;
    }

    /**
     * Removes the headers whose names match, returning them. Rebuilt through {@code forEach}, {@code clear} and
     * {@code addAll}, which Spring 6 and 7 both have in one form ({@code remove} changed its parameter type).
     */
    private static List<Map.Entry<String, List<String>>> remove(HttpHeaders headers, Predicate<String> which) {
        List<Map.Entry<String, List<String>>> removed = new ArrayList<>();
        HttpHeaders kept = new HttpHeaders();
        headers.forEach((name, values) -> {
            if (which.test(name)) {
                removed.add(Map.entry(name, List.copyOf(values)));
            } else {
                kept.addAll(name, values);
            }
        });
        if (!removed.isEmpty()) {
            headers.clear();
            kept.forEach(headers::addAll);
        }
        return removed;
    }

    /**
     * Where the injector writes while it scans a buffer: one array per buffer, sized for the buffer and the snippet,
     * handed on as it is (no second copy).
     */
    private static final class Sink extends OutputStream {
        private byte[] bytes = new byte[0];
        private int count;

        void start(int capacity) {
            bytes = new byte[capacity];
            count = 0;
        }

        @Override
        public void write(int b) {
            ensure(1);
            bytes[count++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            ensure(len);
            System.arraycopy(b, off, bytes, count, len);
            count += len;
        }

        private void ensure(int more) {
            if (count + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, count + more));
            }
        }

        DataBuffer take(DataBufferFactory factory) {
            DataBuffer out = factory.wrap(ByteBuffer.wrap(bytes, 0, count));
            bytes = new byte[0];
            count = 0;
            return out;
        }
    }
}
