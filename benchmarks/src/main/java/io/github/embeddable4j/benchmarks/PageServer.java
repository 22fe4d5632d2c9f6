package io.github.embeddable4j.benchmarks;

/**
 * A container serving the benchmark pages ({@code page-50k}, {@code page-1m}) under the variant paths {@code none},
 * {@code noop}, {@code wrap}, {@code stream} and {@code naive} (see {@link BenchmarkServer}).
 */
interface PageServer extends AutoCloseable {

    /** The URL of a page served through a variant. */
    String url(String variant, String page);

    /** {@code jetty}, {@code tomcat} or {@code netty}. */
    String container();

    /** Starts the named container. */
    static PageServer start(String container) throws Exception {
        return switch (container) {
            case "jetty" -> new BenchmarkServer();
            case "tomcat" -> new TomcatBenchmarkServer();
            case "netty" -> new NettyBenchmarkServer();
            default -> throw new IllegalArgumentException("--container is jetty, tomcat or netty, not " + container);
        };
    }
}
