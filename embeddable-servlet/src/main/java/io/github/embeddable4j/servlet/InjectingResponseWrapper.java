package io.github.embeddable4j.servlet;

import io.github.embeddable4j.core.inject.InjectingOutputStream;
import io.github.embeddable4j.core.login.LoginEndpoints;
import io.github.embeddable4j.core.login.LoginRequests;
import io.github.embeddable4j.core.inject.InjectingWriter;
import io.github.embeddable4j.core.inject.InjectionRules;
import io.github.embeddable4j.core.inject.InjectionRules.Verdict;
import io.github.embeddable4j.core.inject.PageRequests;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import org.jspecify.annotations.NullUnmarked;

/**
 * Adapts the core's streaming injector to a servlet response. It decides at the first write (when the content
 * type, status and charset are usually known), checks again at the marker, and keeps Content-Length away from the
 * container on every path while the body may still change: a length set by the application is replayed only if
 * the body turns out unchanged and nothing is committed yet.
 *
 * <p>The byte path ({@link InjectingServletOutputStream}) turns one application write into at most one container
 * write and honours non-blocking output; the character path cannot be non-blocking (a {@code WriteListener} is set
 * on the output stream, which rules out the writer). The injection starts over when the buffer is reset: through
 * {@link #reset()}/{@link #resetBuffer()}, or by a forward ({@link #restartForDispatch()}, called by the filter).
 *
 * <p>With a {@link LoginHandoffFlow}, the page takes the session's waiting login handoff at its first write (if
 * nothing is committed yet), marks itself {@code Cache-Control: no-store} (and keeps it so), and renders the loader
 * with it. The handoff is gone for good once the snippet is in the page; a page that does not get the snippet, or
 * whose output is discarded before anything is sent, gives it back for the next page.
 */
@NullUnmarked // internal: state that is null between the phases of a response, checked where used
final class InjectingResponseWrapper extends HttpServletResponseWrapper {

    /** The filter that wrapped the response (another one that meets it in the same dispatch does nothing). */
    private final EmbeddableFilter owner;
    private final HttpServletRequest request;
    private final InjectionRules rules;
    private final NonceResolver nonces;
    private final PageSnippet snippet;
    /** Where login handoffs for this page's widget wait, or null when it gets none (no sign in once for it). */
    private final LoginHandoffFlow handoffs;
    /**
     * Sign in once's flow, whose sign-out mark this page's widget takes, or null without sign in once: every widget,
     * a tenant's without sign in once too, may keep a login made in its own popup (a Vaadin trial's next user kept it).
     */
    private final LoginHandoffFlow marks;
    /**
     * Whether this page carries the application's sign-out mark to its widget (the user signed out before): its script
     * logs out the login the widget restores, or, on a page carrying a login, waits for that login; then clears it.
     */
    private boolean signOutMarked;
    /** The handoff this response took, from the first write until it is back or the response is done. */
    private LoginEndpoints.Reservation reservation;
    /** The application's cache headers before a handoff made the page {@code no-store} (put back if it is given back), or null. */
    private java.util.Map<String, String> cachingBeforeHandoff;

    /** Whether the output (stream or writer) was asked for since the last dispatch began ({@link #writtenByDispatch}). */
    private boolean outputTaken;
    /** Decided: everything from now on is copied unchanged and headers go straight through. */
    private boolean passThrough;
    private boolean injected;
    /**
     * The Content-Encoding the application set, or null. Not the response's header: a server that compresses (Jetty's
     * handler) or a compressing filter before this one sets its own, for its encoding of what this filter writes.
     */
    private String contentEncoding;
    /**
     * Validators the application set for the page as it wrote it (ETag, Last-Modified, Accept-Ranges; a static-file
     * servlet sets all three). They do not describe the page with the widget in it: a 304 would keep a page whose
     * loader the configuration has changed since, a range would mix two versions. Held while the page may change,
     * replayed when it stays as written, dropped when the snippet goes in. Null when none is held.
     */
    private java.util.List<Runnable> heldValidators;
    /** A Content-Length the application set while the body could still change, or -1. */
    private long suppressedLength = -1;
    private InjectingServletOutputStream bytes;
    private PrintWriter printWriter;
    private Chars chars;

    /** Counts changes that could alter the verdict (type, status, charset, headers), so the marker check can be skipped. */
    private int changes;
    private int changesAtFirstWrite = -1;
    private Verdict firstVerdict;
    private String nonce;
    /** The page's policy headers as {@link #readPolicies()} last read them, and the state of the response then. */
    private java.util.Collection<String> enforcedPolicies;
    private java.util.Collection<String> reportOnlyPolicies;
    private int changesAtPolicyRead;
    private boolean committedAtPolicyRead;
    private static final String POLICY = "Content-Security-Policy";
    private static final String REPORT_ONLY_POLICY = "Content-Security-Policy-Report-Only";

    /** Told of a page injected without the bridge script (to carry events, call-outs or a sign-out mark). */
    private final Runnable injectedWithoutBridge;

    InjectingResponseWrapper(EmbeddableFilter owner, HttpServletRequest request, HttpServletResponse response,
            InjectionRules rules, NonceResolver nonces, PageSnippet snippet, LoginHandoffFlow handoffs,
            LoginHandoffFlow marks, Runnable injectedWithoutBridge) {
        super(response);
        this.owner = owner;
        this.request = request;
        this.rules = rules;
        this.nonces = nonces;
        this.snippet = snippet;
        this.handoffs = handoffs;
        this.marks = marks;
        this.injectedWithoutBridge = injectedWithoutBridge;
    }

    EmbeddableFilter owner() {
        return owner;
    }

    /** The snippet as text, with the request's nonce (resolved once, when the page is first written). */
    private String snippetText() {
        return snippet.text(request, nonce, reservation == null ? null : reservation.handoff(), signOutMarked);
    }

    private byte[] snippetBytes(Charset charset) {
        return snippet.bytes(request, nonce, reservation == null ? null : reservation.handoff(), signOutMarked, charset);
    }

    /** At the first write of a page that may get the widget: take a waiting handoff, if the headers can still change. */
    private void reserveHandoff() {
        if (marks == null || reservation != null || isCommitted()) {
            return; // committed: no-store could not be set, so the handoff waits for the next page
        }
        if (!LoginRequests.isPageLoad(request::getHeader)) {
            // A page a script fetched (htmx's hx-boost, fetch(), Turbo) does not run its head, where the snippet goes:
            // a one-time code or the sign-out mark put there would be lost. The next page the browser loads takes them.
            return;
        }
        reservation = handoffs == null ? null : handoffs.takeHandoff(request);
        // acted on by a page whose bridge script can (without one it waits), which clears it once the widget did; a
        // page carrying a login logs nothing out (see PageSnippet.text)
        signOutMarked = signOutMarked || snippet.hasBridge() && marks.widgetLogoutMarked(request);
        if (reservation != null) {
            // No cache keeps a page with a one-time code (core decides which headers say so)
            cachingBeforeHandoff = new java.util.LinkedHashMap<>(4); // made only here: most pages take no handoff
            for (String name : LoginRequests.CACHE_HEADERS) {
                cachingBeforeHandoff.put(name, getHeader(name));
            }
            LoginRequests.noStoreHeaders(this::getHeader).forEach(super::setHeader);
        }
    }

    /**
     * The page will not carry the handoff it took, or its output was discarded: give it back. {@code restoreHeader}:
     * put back the application's own cache headers (not after a reset, which cleared them).
     */
    private void releaseHandoff(boolean restoreHeader) {
        if (reservation == null) {
            return;
        }
        boolean committed = isCommitted();
        reservation.giveBack(committed);
        reservation = null;
        if (restoreHeader && !committed && cachingBeforeHandoff != null) {
            cachingBeforeHandoff.forEach((name, before) -> {
                if (before != null) {
                    super.setHeader(name, before);
                }
            });
        }
        cachingBeforeHandoff = null;
    }

    /** At the first write to the byte path: an injector writing to {@code out}, or null to pass the body through. */
    private InjectingOutputStream byteInjectorInto(OutputStream out) {
        if (!startScanning()) {
            return null;
        }
        return new InjectingOutputStream(out, snippetBytes(Charset.forName(getCharacterEncoding())), rules.point()) {
            @Override
            protected boolean shouldInject() {
                return injectNow();
            }

            @Override
            protected void fragmentFound() {
                pass(); // the page stays as written: its Content-Length goes out before its bytes do
            }
        };
    }

    boolean injected() {
        return injected;
    }

    private Verdict verdict() {
        if (EmbeddableFilter.isSkipped(request)) {
            return Verdict.PASS;
        }
        return rulesVerdict();
    }

    private Verdict rulesVerdict() {
        return rules.check(getStatus(), getContentType(), contentEncoding, getHeader("Content-Disposition"),
                getCharacterEncoding());
    }

    /** At the first write: whether to scan at all. */
    private boolean startScanning() {
        if (passThrough) {
            return false;
        }
        firstVerdict = verdict();
        changesAtFirstWrite = changes;
        if (firstVerdict == Verdict.PASS) {
            pass();
            return false;
        }
        nonce = policyNonce(snippet.nonce(nonces, request));
        reserveHandoff();
        return true;
    }

    /**
     * The nonce of the page's own Content-Security-Policy header when it has one for scripts, else the resolved one
     * ({@link PageRequests#policyNonce}). A header written only at commit, as Spring Security's, is not there yet: the
     * request attribute decides then.
     */
    private String policyNonce(String resolved) {
        readPolicies();
        String fromPolicy = PageRequests.policyNonce(enforcedPolicies, reportOnlyPolicies);
        return fromPolicy != null ? fromPolicy : resolved;
    }

    /** At the marker, the policy is known (unless written at commit): a policy that refuses the tags is said in the log. */
    private void checkPolicyNonce() {
        readPolicies();
        if (enforcedPolicies.isEmpty() && reportOnlyPolicies.isEmpty()) {
            return;
        }
        java.util.List<String> policies = new java.util.ArrayList<>(enforcedPolicies);
        policies.addAll(reportOnlyPolicies);
        snippet.nonceWarning.check(policies, nonce);
    }

    /**
     * Reads the policy headers at the first write, and again at the marker only if a header may have changed since:
     * one set through this wrapper counts as a change, one written at commit or at a flush by a filter around this one
     * (not through it) comes with the commit or the flush ({@link #beforeFlush()}). Each read allocates on Jetty;
     * reading four times per page was a third of what the filter allocated per request (BENCHMARKS.md, 2026-12-07).
     */
    private void readPolicies() {
        boolean committed = isCommitted();
        if (enforcedPolicies == null || changes != changesAtPolicyRead || committed != committedAtPolicyRead) {
            enforcedPolicies = getHeaders(POLICY);
            reportOnlyPolicies = getHeaders(REPORT_ONLY_POLICY);
            changesAtPolicyRead = changes;
            committedAtPolicyRead = committed;
        }
    }

    /** At the marker: whether to inject there. Re-checks the response only if something changed since the first write. */
    private boolean injectNow() {
        boolean unchanged = changes == changesAtFirstWrite && firstVerdict == Verdict.INJECT;
        Verdict now = unchanged ? (EmbeddableFilter.isSkipped(request) ? Verdict.PASS : Verdict.INJECT) : verdict();
        if (now != Verdict.INJECT) {
            pass();
            return false;
        }
        if (rules.injectedHeader() != null && !isCommitted()) {
            super.setHeader(rules.injectedHeader(), "1");
        }
        injected = true;
        if (!snippet.hasBridge()) {
            injectedWithoutBridge.run(); // where the widget goes in, not before: a fragment found later gets none
        }
        checkPolicyNonce();
        heldValidators = null;
        if (reservation != null) {
            reservation.rendered();
        }
        return true;
    }

    /** Kept off only because of who asks, on a page that would otherwise get the widget. */
    private boolean skippedForThisVisitor() {
        return request.getAttribute(InjectionRules.SKIP_FOR_VISITOR_ATTRIBUTE) != null && EmbeddableFilter.isSkipped(request)
                && rulesVerdict() == Verdict.INJECT;
    }

    /** Holds a validator while the page may still change; returns false when it can go straight through. */
    private boolean holdValidator(String name, Runnable set) {
        if (passThrough || injected || !PageRequests.isValidator(name)) {
            return false;
        }
        if (!scanningStarted() && rulesVerdict() == Verdict.PASS) {
            // no page to change (a 304, a download): nothing to hold it for, and a container that commits without a
            // write through this wrapper (the end of a forward) would never send it. (By the rules alone: a page kept
            // from this visitor only still drops them, see pass.)
            return false;
        }
        if (heldValidators == null) {
            heldValidators = new java.util.ArrayList<>(3);
        }
        heldValidators.add(set);
        return true;
    }

    private void replayValidators() {
        java.util.List<Runnable> held = heldValidators;
        heldValidators = null;
        if (held != null && !isCommitted()) {
            held.forEach(Runnable::run);
        }
    }

    private void pass() {
        passThrough = true;
        if (!injected) {
            releaseHandoff(true);
            if (skippedForThisVisitor()) {
                heldValidators = null; // this copy is this visitor's: no 304 may keep it for the next
            } else {
                replayValidators();
            }
        }
        if (suppressedLength >= 0 && !isCommitted()) {
            super.setContentLengthLong(suppressedLength);
        }
        suppressedLength = -1;
    }

    /**
     * The application threw after a sign-in code went into its page, and nothing was sent yet: the page is discarded
     * here and the code waits for the next page. Left to the container, the code was lost (a review: a template that
     * failed after its head; Jetty and an error page drop the half page) or, on a Tomcat without an error page, sent
     * with the 500 in half a page, so it could not simply be given back.
     */
    void failed() {
        if (reservation != null && injected && !isCommitted()) {
            try {
                resetBuffer(); // the buffered half page, and what the injector held; the code is given back
            } catch (IllegalStateException committedMeanwhile) {
                // sent after all: the code went with it
            }
        }
    }

    /** Called when the request is done (or its async work completed): release held bytes, restore an unneeded length. */
    void finish() throws IOException {
        finish(this);
    }

    /**
     * The same, at the end of a dispatch whose response is {@code outer}, which wraps this one (a forward's, where the
     * application's filters may have wrapped it: Spring Security's header writer, which writes its headers when the
     * response commits through its wrapper or, failing that, after the request, too late once this one committed).
     */
    void finish(ServletResponse outer) throws IOException {
        if (bytes != null) {
            bytes.finish();
        }
        if (chars != null) {
            chars.finish();
        }
        if (!injected) {
            releaseHandoff(true);
        }
        if (unwrittenHeadOfAPage() && !injected && !isCommitted()) {
            // Committing now keeps the container from writing a length of its own (0).
            headersOfGet();
            outer.flushBuffer();
            if (!isCommitted()) { // a wrapper that does not flush (Spring's ContentCachingResponseWrapper)
                super.flushBuffer();
            }
        }
        restoreUnneededLength();
    }

    /**
     * Before the application's flush sends the headers: a HEAD answered with headers only gets GET's now, as it would
     * at the end, which comes too late once they are sent (Spring Cloud Gateway's MVC flavour relays a HEAD as an empty
     * body copied, then flushed).
     */
    void beforeFlush() {
        // a filter's wrapper around this one may write its headers as the flush passes it (Spring Security's header
        // writer), on the response it wraps and without a commit when a wrapper further out holds the body (Spring's
        // ShallowEtagHeaderFilter): the policies are read again at the marker (a review)
        enforcedPolicies = null;
        if (unwrittenHeadOfAPage() && !injected && !isCommitted()) {
            headersOfGet();
        } else if (!passThrough && !injected && !scanningStarted() && !isCommitted() && verdict() == Verdict.PASS) {
            // the headers go before the first byte, of a response the rules pass: with its length and validators, as its
            // first write would have sent them (a review: a download's flushBuffer() lost its size and its resuming, a
            // 304's flush its ETag)
            pass();
        }
    }

    /**
     * A HEAD answered with headers only, for a page GET injects into, gets GET's headers. A length set is the page's
     * without the snippet, shorter than the GET body: HTTP forbids sending it on HEAD (RFC 9110, 8.6) but allows none.
     * No validators either, and the injected-marker header (Spring's static resources).
     */
    private void headersOfGet() {
        suppressedLength = -1;
        heldValidators = null;
        if (rules.injectedHeader() != null) {
            super.setHeader(rules.injectedHeader(), "1");
        }
    }

    private void restoreUnneededLength() {
        if (!injected) {
            replayValidators();
        }
        if (!injected && suppressedLength >= 0 && !isCommitted()) {
            super.setContentLengthLong(suppressedLength);
            suppressedLength = -1;
        }
    }

    /** A HEAD response whose body was not written (a servlet answering HEAD with headers only) for what GET injects into. */
    private boolean unwrittenHeadOfAPage() {
        return "HEAD".equals(request.getMethod()) && !scanningStarted() && verdict() == Verdict.INJECT;
    }

    /**
     * Finishes the response, then runs the action (the container's {@code AsyncContext.complete()}). With
     * non-blocking output the held bytes may have to wait until the container is ready, and so does the action.
     * The action runs even if writing the held bytes fails.
     */
    void finishThen(InjectingServletOutputStream.IoAction action) throws IOException {
        if (bytes != null && bytes.nonBlocking()) {
            restoreUnneededLength(); // before the held bytes may commit the response; they cannot change the page
            bytes.endThen(action);
            return;
        }
        try {
            finish();
        } finally {
            action.run();
        }
    }

    /**
     * Writes the held bytes now but keeps looking: the container may be about to complete the response through a
     * path the filter does not see (an {@code AsyncListener} completing the container's own context on timeout).
     */
    void releaseHeld() throws IOException {
        if (chars != null) {
            chars.releaseHeld();
        }
        if (bytes != null) {
            bytes.releaseHeld();
        }
    }

    /**
     * A forward (or an error page) discarded the buffered output. Tomcat does it through {@link #resetBuffer()}, Jetty
     * resets its own buffer directly: either way, what the injector held or decided belongs to the discarded output.
     */
    void restartForDispatch() {
        changes++;
        passThrough = false;
        outputTaken = false;
        restart();
    }

    /**
     * An error page dispatched into this response (Undertow renders it inside the wrapper after an async
     * {@code sendError}): where the rules exclude its path, it goes out as written (a review's excluded error page got
     * the widget there, and on Jetty and Tomcat did not).
     */
    void errorPageAt(String path) {
        if (!rules.appliesTo("HEAD".equals(request.getMethod()) ? "GET" : request.getMethod(), path)) {
            passThrough = true;
        }
    }

    /**
     * Whether the dispatch since {@link #restartForDispatch()} wrote this response: took its output, wrote through
     * a writer taken before (the injector has seen a page since), or is a HEAD answered with headers only. Not when
     * the forward was given a buffer of another filter's that wraps this one (SiteMesh renders its decorator so, then
     * writes the merged page here).
     */
    boolean writtenByDispatch() {
        return outputTaken || injected || scanningStarted() || unwrittenHeadOfAPage();
    }

    private void stopScanning() throws IOException {
        pass();
        finish();
    }

    private void restart() {
        if (injected && rules.injectedHeader() != null && !isCommitted()) {
            // the widget went into output now discarded: whatever comes instead says so itself when it gets one
            super.setHeader(rules.injectedHeader(), null);
        }
        releaseHandoff(false); // what was written with it is discarded (or, when committed, was sent: then it stays used)
        if (bytes != null) {
            bytes.restart();
        }
        if (chars != null) {
            chars.restart();
        }
        injected = false;
    }

    // ---- body ------------------------------------------------------------------------------------------------

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        outputTaken = true;
        if (bytes == null) {
            bytes = new InjectingServletOutputStream(super.getOutputStream(), this::byteInjectorInto, this::beforeFlush,
                    this::getCharacterEncoding);
        }
        return bytes;
    }

    @Override
    public PrintWriter getWriter() throws IOException {
        outputTaken = true;
        PrintWriter raw = super.getWriter();
        if (printWriter == null || chars.raw != raw) {
            // A container hands out another writer after reset() (Jetty, Undertow), for the charset set since.
            Chars next = new Chars(raw);
            chars = next;
            printWriter = new PrintWriter(next) {
                // The container's writer keeps its I/O errors (a client that left) to itself; ours asks it, as a
                // streaming servlet's loop does to know when to stop.
                @Override
                public boolean checkError() {
                    return super.checkError() || next.raw.checkError();
                }
            };
        }
        return printWriter;
    }

    @Override
    public void flushBuffer() throws IOException {
        // "Send everything now": release the few bytes held for a possible marker, then flush.
        beforeFlush();
        if (printWriter != null) {
            printWriter.flush();
            chars.releaseHeld();
        }
        if (bytes != null) {
            bytes.releaseHeld();
            if (!bytes.canFlush()) {
                return; // non-blocking, and the released bytes are still being written: the container sends them
            }
        }
        super.flushBuffer();
    }

    @Override
    public void reset() {
        super.reset();
        contentEncoding = null;
        heldValidators = null;
        changes++;
        passThrough = false;
        suppressedLength = -1;
        restart();
    }

    @Override
    public void resetBuffer() {
        super.resetBuffer();
        changes++;
        passThrough = false; // decided again at the next write: the content type may change too
        restart();
    }

    @Override
    public void sendError(int sc, String msg) throws IOException {
        if (!isInterim(sc)) {
            discard();
        }
        super.sendError(sc, msg);
    }

    @Override
    public void sendError(int sc) throws IOException {
        if (!isInterim(sc)) {
            discard();
        }
        super.sendError(sc);
    }

    /**
     * An informational status ({@code sendError(103)}: Early Hints, which Tomcat and Jetty send as an interim answer
     * before the page): the page goes on, and keeps its widget (a review's page after 103 got none).
     */
    private static boolean isInterim(int sc) {
        return sc >= 100 && sc < 200;
    }

    @Override
    public void sendRedirect(String location) throws IOException {
        discard();
        super.sendRedirect(location);
    }

    // Servlet 6.1's forms: with clearBuffer, the container replaces the body as above; without, the body written so far
    // is the redirect's, so the units held for a possible marker go out first and the rest is copied as it comes.
    // Not @Override, and the container's reached by name: the filter also compiles and runs against Servlet 5 and 6.0,
    // where nobody calls these.

    public void sendRedirect(String location, int sc) throws IOException {
        discard();
        redirect(new Class<?>[] {String.class, int.class}, location, sc);
    }

    public void sendRedirect(String location, boolean clearBuffer) throws IOException {
        stepAside(clearBuffer);
        redirect(new Class<?>[] {String.class, boolean.class}, location, clearBuffer);
    }

    public void sendRedirect(String location, int sc, boolean clearBuffer) throws IOException {
        stepAside(clearBuffer);
        redirect(new Class<?>[] {String.class, int.class, boolean.class}, location, sc, clearBuffer);
    }

    private void redirect(Class<?>[] types, Object... arguments) throws IOException {
        try {
            HttpServletResponse.class.getMethod("sendRedirect", types).invoke(getResponse(), arguments);
        } catch (java.lang.reflect.InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            } else if (cause instanceof RuntimeException runtime) {
                throw runtime;
            } else if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("This container has no Servlet 6.1 sendRedirect", e);
        }
    }

    private void stepAside(boolean clearBuffer) throws IOException {
        if (clearBuffer) {
            discard();
            return;
        }
        if (bytes != null) {
            bytes.finish();
        }
        if (chars != null) {
            chars.finish();
        }
        passThrough = true;
    }

    /** The container writes its own body now: drop what was held and step aside. */
    private void discard() {
        heldValidators = null;
        restart();
        passThrough = true;
        suppressedLength = -1;
    }

    // ---- headers -----------------------------------------------------------------------------------------------

    @Override
    public void setContentType(String type) {
        super.setContentType(type);
        changes++;
        reconsider();
    }

    /**
     * A type or an encoding set after the first bytes, while the page is still being scanned: step aside when the
     * rules now pass it (and they say why). Tapestry writes its gzip header before it sets Content-Encoding, and the
     * filter went on scanning compressed bytes without a word (a trial).
     */
    private void reconsider() {
        if (!passThrough && !injected && scanningStarted() && verdict() == Verdict.PASS) {
            try {
                stopScanning();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    private boolean scanningStarted() {
        return (bytes != null && bytes.started()) || (chars != null && chars.started());
    }

    @Override
    public void setContentLength(int len) {
        setContentLengthLong(len);
    }

    @Override
    public void setContentLengthLong(long len) {
        if (passThrough) {
            super.setContentLengthLong(len);
        } else {
            suppressedLength = len;
        }
    }

    /** While this page carries (or may carry) a handoff, it stays {@code no-store} whatever the application sets. */
    private boolean keepsNoStore(String name) {
        return reservation != null && LoginRequests.isCacheHeader(name);
    }

    @Override
    public void setHeader(String name, String value) {
        if (keepsNoStore(name)) {
            return;
        }
        if ("Content-Encoding".equalsIgnoreCase(name)) {
            contentEncoding = value;
            reconsider();
        }
        if (holdValidator(name, () -> super.setHeader(name, value))) {
            return;
        }
        if (isContentLength(name) && !passThrough) {
            suppressedLength = parseLength(value);
        } else {
            super.setHeader(name, value);
            changes++;
        }
    }

    @Override
    public void addHeader(String name, String value) {
        if (keepsNoStore(name)) {
            return;
        }
        if ("Content-Encoding".equalsIgnoreCase(name) && value != null) {
            contentEncoding = contentEncoding == null ? value : contentEncoding + ", " + value;
            reconsider();
        }
        if (holdValidator(name, () -> super.addHeader(name, value))) {
            return;
        }
        if (isContentLength(name) && !passThrough) {
            suppressedLength = parseLength(value);
        } else {
            super.addHeader(name, value);
            changes++;
        }
    }

    @Override
    public void setDateHeader(String name, long date) {
        if (!holdValidator(name, () -> super.setDateHeader(name, date))) {
            super.setDateHeader(name, date);
        }
    }

    @Override
    public void addDateHeader(String name, long date) {
        if (!holdValidator(name, () -> super.addDateHeader(name, date))) {
            super.addDateHeader(name, date);
        }
    }

    @Override
    public void setIntHeader(String name, int value) {
        if (isContentLength(name) && !passThrough) {
            suppressedLength = value;
        } else {
            super.setIntHeader(name, value);
            changes++;
        }
    }

    @Override
    public void addIntHeader(String name, int value) {
        if (isContentLength(name) && !passThrough) {
            suppressedLength = value;
        } else {
            super.addIntHeader(name, value);
            changes++;
        }
    }

    @Override
    public void setStatus(int sc) {
        super.setStatus(sc);
        changes++;
    }

    @Override
    public void setCharacterEncoding(String charset) {
        super.setCharacterEncoding(charset);
        changes++;
    }

    /**
     * Servlet 6.1's form, counted as the text form is (a charset changed mid-page is judged again at the marker).
     * Not marked {@code @Override}: the filter also runs on Servlet 5 and 6.0, which have no such method.
     */
    public void setCharacterEncoding(Charset charset) {
        setCharacterEncoding(charset == null ? null : charset.name());
    }

    @Override
    public void setLocale(java.util.Locale locale) {
        super.setLocale(locale);
        changes++;
    }

    private static boolean isContentLength(String name) {
        return "Content-Length".equalsIgnoreCase(name);
    }

    private static long parseLength(String value) {
        try {
            return value == null ? -1 : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    // ---- the character path (the byte path is InjectingServletOutputStream) ------------------------------------

    /** The character path: decides at the first write, then writes through the injector or straight through. */
    private final class Chars extends Writer {
        private final PrintWriter raw;
        private Writer target;
        private InjectingWriter injecting;

        Chars(PrintWriter raw) {
            this.raw = raw;
        }

        private Writer target() {
            if (target == null) {
                if (startScanning()) {
                    injecting = new InjectingWriter(raw, snippetText(), rules.point()) {
                        @Override
                        protected boolean shouldInject() {
                            return injectNow();
                        }

                        @Override
                        protected void fragmentFound() {
                            pass();
                        }
                    };
                    target = injecting;
                } else {
                    target = raw;
                }
            }
            return target;
        }

        boolean started() {
            return injecting != null && injecting.scanning();
        }

        @Override
        public void write(char[] cbuf, int off, int len) throws IOException {
            target().write(cbuf, off, len);
        }

        @Override
        public void write(String str, int off, int len) throws IOException {
            target().write(str, off, len);
        }

        @Override
        public void write(int c) throws IOException {
            target().write(c);
        }

        @Override
        public void flush() throws IOException {
            beforeFlush();
            (target == null ? raw : target).flush();
        }

        @Override
        public void close() throws IOException {
            beforeFlush();
            finish();
            raw.close();
        }

        void finish() throws IOException {
            if (injecting != null) {
                injecting.finish();
            }
        }

        void releaseHeld() throws IOException {
            if (injecting != null && injecting.scanning()) {
                injecting.releaseHeld();
            }
        }

        void restart() {
            target = null;
            injecting = null;
        }
    }
}
