package io.github.embeddable4j.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link InjectorBenchmark}'s after-placement pair measures what BENCHMARKS.md says: the injector has decided where
 * the page says it must, and from there writes exactly what the copy writes.
 */
class InjectorBenchmarkTest {

    @ParameterizedTest
    @CsvSource({
        "head, 50k, </head>",          // after the end tag and its '>'
        "body-only, 50k, <body>",      // a <body> start tag ends the head
        "inline-script, 50k, </head>", // not at the "</head>" inside the script's string: after the script
        "inline-style, 5m, </head>",   // nor at the one in the style sheet's content
        "fragment, 50k, '<table>\n'"   // a fragment is known at its first element, and the unit after it
    })
    void theInjectorDecidesRightAfterTheMarker(String shape, String size, String marker) {
        String page = PageShapes.page(shape, size.equals("5m") ? 5 * 1024 * 1024 : 50 * 1024);
        int expected = shape.startsWith("inline") ? page.lastIndexOf(marker, page.indexOf("<body>")) : page.indexOf(marker);
        assertThat(InjectorBenchmark.placementPoint(shape, size)).isEqualTo(expected + marker.length());
    }

    @ParameterizedTest
    @CsvSource({"head, bytes", "head, chars", "fragment, bytes", "inline-script, chars"})
    void afterPlacementTheInjectorWritesWhatTheCopyWrites(String shape, String path) throws Exception {
        InjectorBenchmark copy = benchmark(shape, path);
        InjectorBenchmark injector = benchmark(shape, path);
        assertThat(injector.byteSink.buffer).isEqualTo(copy.byteSink.buffer); // both set up the same way
        assertThat(injector.charSink.buffer).isEqualTo(copy.charSink.buffer);
        copy.copyAfterPlacement();
        injector.injectorAfterPlacement();
        if (path.equals("bytes")) {
            assertThat(injector.byteSink.position).isEqualTo(copy.byteSink.position);
            assertThat(injector.byteSink.buffer).isEqualTo(copy.byteSink.buffer);
            // the rest went through, not nothing: the sink's last units are the page's last ones
            String page = PageShapes.page(shape, 50 * 1024);
            int end = copy.byteSink.position == 0 ? copy.byteSink.buffer.length : copy.byteSink.position;
            assertThat(new String(copy.byteSink.buffer, end - 9, 9, StandardCharsets.US_ASCII)).isEqualTo(page.substring(page.length() - 9));
        } else {
            assertThat(injector.charSink.position).isEqualTo(copy.charSink.position);
            assertThat(injector.charSink.buffer).isEqualTo(copy.charSink.buffer);
        }
    }

    private static InjectorBenchmark benchmark(String shape, String path) throws Exception {
        InjectorBenchmark b = new InjectorBenchmark();
        b.shape = shape;
        b.size = "50k";
        b.path = path;
        b.setUp();
        return b;
    }
}
