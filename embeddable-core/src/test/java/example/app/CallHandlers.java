package example.app;

/**
 * An application's two event handlers behind one listener (as Spring's publisher puts every {@code @EventListener}
 * method behind one): a package of its own, outside the library, as application code is.
 */
public final class CallHandlers {

    private CallHandlers() {
    }

    public static void onRing() {
        throw new IllegalStateException("ring handler's bug");
    }

    public static void onEnd() {
        throw new IllegalStateException("end handler's bug");
    }

    /** A listener as an application writes one in its configuration: a lambda calling its handler. */
    public static io.github.embeddable4j.core.event.WidgetEventListener asLambda() {
        return e -> onRing();
    }

    /** A listener behind a generated proxy class, named as CGLIB names them. */
    public static io.github.embeddable4j.core.event.WidgetEventListener throughAProxy() {
        return new CallHandlers$$SpringCGLIB$$0();
    }

    /** A handler that hangs in a helper of its own (a repository, a client). */
    public static void onCallThroughAHelper() {
        onHangingCall();
    }

    /** Hangs until interrupted, then fails as a reflective call would report it. */
    public static void onHangingCall() {
        try {
            Thread.sleep(60_000);
        } catch (InterruptedException e) {
            throw new java.lang.reflect.UndeclaredThrowableException(e, "Failed to invoke event listener method");
        }
    }
}
