package io.github.embeddable4j.core.undeploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.embeddable4j.core.event.WidgetEventDispatcher;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The services' {@code close()} after the container stopped the application's class loader, as GlassFish and Payara do
 * before {@code contextDestroyed}: a Payara trial's redeploy failed in {@code WidgetEventDispatcher.close()}, which
 * needed a class not resolved before, and left the dispatcher's watchdog thread (and the class loader with it) behind.
 * Close must finish, and every thread of the service must end.
 */
class CloseAfterUndeployTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"unusedDispatcher", "dispatcherAfterAnEvent", "unusedService", "serviceAfterACallout"})
    void closeFinishesAndEndsEveryThreadAfterTheLoaderStopped(String made) throws Exception {
        URL main = WidgetEventDispatcher.class.getProtectionDomain().getCodeSource().getLocation();
        URL test = InsideTheApplication.class.getProtectionDomain().getCodeSource().getLocation();
        List<Thread> before = serviceThreads();
        try (StoppedClassLoader loader = new StoppedClassLoader(main, test)) {
            Class<?> app = loader.loadClass(InsideTheApplication.class.getName());
            assertThat(app.getClassLoader()).as("the services are the application's own").isSameAs(loader);
            AutoCloseable service = (AutoCloseable) app.getMethod(made).invoke(null);
            loader.stop();
            // The stand-in refuses what a stopped GlassFish loader refuses: a class the application never resolved.
            assertThatThrownBy(() -> loader.loadClass("java.util.concurrent.Phaser"))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("not yet been started");

            service.close();
        } catch (InvocationTargetException e) {
            throw (Exception) e.getCause();
        }
        List<Thread> left = serviceThreads().stream().filter(t -> !before.contains(t)).toList();
        for (Thread t : left) {
            t.join(TimeUnit.SECONDS.toMillis(5));
        }
        assertThat(left).as("threads of the closed service still running").noneMatch(Thread::isAlive);
    }

    private static List<Thread> serviceThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("embeddable4j-")).toList();
    }
}
