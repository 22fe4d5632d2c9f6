package io.github.embeddable4j.core.undeploy;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A web application's class loader as GlassFish and Payara stop it on an undeploy: before the application's
 * {@code contextDestroyed} listeners run, so any class its code has not resolved yet, even {@code java.util}'s,
 * cannot be loaded any more ({@code IllegalStateException: This web container has not yet been started}). The JVM
 * remembers each name a loader has answered, so only names not asked before reach it; this one refuses exactly those
 * once {@link #stop()} is called. embeddable4j's classes are its own (defined here, child first, as in
 * {@code WEB-INF/lib}); every other class comes from the parent.
 */
final class StoppedClassLoader extends URLClassLoader {

    static {
        registerAsParallelCapable();
    }

    private final Set<String> answered = ConcurrentHashMap.newKeySet();
    private volatile boolean stopped;

    StoppedClassLoader(URL... urls) {
        super(urls, StoppedClassLoader.class.getClassLoader());
    }

    void stop() {
        stopped = true;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            if (stopped && !answered.contains(name)) {
                throw new IllegalStateException("This web container has not yet been started (loading " + name + ")");
            }
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                c = name.startsWith("io.github.embeddable4j.") ? findClass(name) : getParent().loadClass(name);
            }
            answered.add(name);
            return c;
        }
    }
}
