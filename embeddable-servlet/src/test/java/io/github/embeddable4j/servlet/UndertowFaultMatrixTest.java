package io.github.embeddable4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.servlet.containers.TestServer;
import jakarta.servlet.ServletContainerInitializer;
import org.junit.jupiter.api.Test;

/** The fault matrix on Undertow 2.3. */
class UndertowFaultMatrixTest extends FaultMatrixContractTest {
    @Override
    TestServer start(ServletContainerInitializer setup) throws Exception {
        return TestServer.undertowWithShrinkingPool(setup);
    }

    @Override
    boolean breaksOffAFailedCommittedResponse() {
        return false;
    }

    /** Why the contract does not ask Undertow to break off a failed committed page: it ends it normally by itself. */
    @Test
    void undertowEndsAFailedCommittedResponseLikeACompleteOneWithoutTheFilter() throws Exception {
        try (TestServer plain = TestServer.undertow((classes, ctx) ->
                ctx.addServlet("failing", new FailingPageServlet()).addMapping("/fail"))) {
            try (RawHttp h = RawHttp.get(plain.port(), "/fail?size=200000&cut=312&flushAt=30&kind=runtime&api=stream")) {
                RawHttp.Body body = h.readRest();
                assertThat(h.status()).isEqualTo(200);
                assertThat(body.bytes()).hasSize(312);
                assertThat(body.complete()).isTrue();
            }
        }
    }
}
