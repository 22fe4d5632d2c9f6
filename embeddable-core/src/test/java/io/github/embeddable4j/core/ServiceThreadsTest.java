package io.github.embeddable4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ServiceThreadsTest {

    private static final InheritableThreadLocal<String> REQUEST_USER = new InheritableThreadLocal<>();

    /**
     * A service's executor makes its thread on the thread that first submits work, a request's: the thread keeps
     * nothing of that request (an inheritable value, such as a logging context's user) and joins the group of the
     * thread that made the service, not the request's (a virtual thread's group is the JDK's "VirtualThreads": a
     * trial's thread dump).
     */
    @Test
    void aThreadMadeOnARequestsThreadKeepsNothingOfTheRequest() throws InterruptedException {
        ThreadFactory factory = new ServiceThreads().factory("test-service-");
        ThreadGroup requests = new ThreadGroup("requests");
        AtomicReference<String> inPlainThread = new AtomicReference<>("unset");
        AtomicReference<String> inServiceThread = new AtomicReference<>("unset");
        AtomicReference<Thread> serviceThread = new AtomicReference<>();
        AtomicReference<ThreadGroup> serviceGroup = new AtomicReference<>();
        Thread request = new Thread(requests, () -> {
            REQUEST_USER.set("ada");
            // what a thread made on the request's thread gets by default: the leak is real
            runAndJoin(new Thread(() -> inPlainThread.set(REQUEST_USER.get())));
            Thread t = factory.newThread(() -> inServiceThread.set(REQUEST_USER.get()));
            serviceThread.set(t);
            serviceGroup.set(t.getThreadGroup()); // before it ends: a thread that has ended has no group
            runAndJoin(t);
        }, "request-1");
        request.start();
        request.join();

        assertThat(inPlainThread.get()).as("a plain thread inherits the request's value").isEqualTo("ada");
        assertThat(inServiceThread.get()).as("the service's thread has none of it").isNull();
        Thread t = serviceThread.get();
        assertThat(t.getName()).isEqualTo("test-service-1");
        assertThat(t.isDaemon()).isTrue();
        assertThat(serviceGroup.get()).as("the group of the thread that made the factory")
                .isSameAs(Thread.currentThread().getThreadGroup()).isNotSameAs(requests);
    }

    private static void runAndJoin(Thread t) {
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
