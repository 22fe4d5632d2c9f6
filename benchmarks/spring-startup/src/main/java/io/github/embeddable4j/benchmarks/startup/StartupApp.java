package io.github.embeddable4j.benchmarks.startup;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * A tiny Spring MVC + Thymeleaf application, started by {@link StartupBenchmark} with and without embeddable-spring on
 * its class path; it references no embeddable4j type. When ready it prints one line with the process CPU time so far
 * (every JVM thread: start-up, JIT, GC), the main thread's CPU time and the classes loaded, and exits.
 */
@SpringBootApplication
@Controller
public class StartupApp {

    /** The line StartupBenchmark reads. */
    static final String MARKER = "E4J-STARTUP";

    /** With {@code -De4j.steps=true}: times Spring's start-up steps in main-thread CPU and prints the largest. */
    private static final CpuStartupSteps STEPS = Boolean.getBoolean("e4j.steps") ? new CpuStartupSteps() : null;

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(StartupApp.class);
        if (STEPS != null) {
            application.setApplicationStartup(STEPS);
        }
        ConfigurableApplicationContext context = application.run(args);
        System.exit(SpringApplication.exit(context));
    }

    @GetMapping("/")
    String home(Model model) {
        model.addAttribute("message", "Hello");
        return "home";
    }

    @EventListener
    void ready(ApplicationReadyEvent event) {
        long cpuNanos = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        // the main thread does the start-up work itself (class loading, beans, the web server); its counter has
        // nanosecond resolution, where the process total moves in 10 ms ticks and adds JIT and GC threads
        long mainThreadNanos = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
        long classes = ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount();
        ConfigurableApplicationContext context = event.getApplicationContext();
        String[] names = context.getBeanDefinitionNames();
        long ours = Arrays.stream(names).filter(n -> {
            Class<?> type = context.getType(n, false);
            return type != null && type.getName().startsWith("io.github.embeddable4j.") && !type.equals(StartupApp.class);
        }).count();
        System.out.printf(java.util.Locale.ROOT, "%s cpuMillis=%.1f mainThreadCpuMillis=%.1f uptimeMillis=%d classes=%d"
                + " beans=%d embeddable4jBeans=%d%n", MARKER, cpuNanos / 1e6, mainThreadNanos / 1e6, uptime, classes,
                names.length, ours);
        if (STEPS != null) {
            System.out.print(STEPS.report(Integer.getInteger("e4j.steps.limit", 30)));
        }
    }
}
