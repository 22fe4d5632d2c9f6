package io.github.embeddable4j.servlet.containers;

/** The request thread pool of a test server, for the reliability suites' thread baselines. */
public interface ServerThreads {

    /** Live threads in the pool. */
    int total();

    /** Threads of the pool running a task now (for Jetty, its selectors and acceptors always are). */
    int busy();
}
