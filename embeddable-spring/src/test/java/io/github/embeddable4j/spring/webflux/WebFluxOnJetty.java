package io.github.embeddable4j.spring.webflux;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ServletHttpHandlerAdapter;

/** A WebFlux handler on Jetty 12 through Spring's servlet adapter, as a WebFlux application on spring-boot-starter-jetty runs. */
final class WebFluxOnJetty {

    private WebFluxOnJetty() {
    }

    /** Starts Jetty on a free port of 127.0.0.1 with {@code handler} at every path; its port is {@link #port}. */
    static Server start(HttpHandler handler) throws Exception {
        Server jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        ServletHolder holder = new ServletHolder(new ServletHttpHandlerAdapter(handler));
        holder.setAsyncSupported(true);
        context.addServlet(holder, "/*");
        jetty.setHandler(context);
        jetty.start();
        return jetty;
    }

    static int port(Server jetty) {
        return ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
    }
}
