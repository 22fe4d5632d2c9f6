package io.github.embeddable4j.core;

import com.fasterxml.jackson.core.Version;
import org.jspecify.annotations.Nullable;

/**
 * embeddable4j's JSON (the bridge, the CRM, the setup page's counts) needs Jackson 2.16 or later, and an application's
 * build picks Jackson's version: Spring Boot 3.2's dependency management lowered it to 2.15, which lacks classes the
 * library uses, and a trial's pages loaded while every bridge request was a 500. Checked when a widget is made, so
 * such an application stops at start-up with the fix instead, reported as a configuration problem (the build's).
 * Core's whole suite passes on Jackson 2.16.2 and 2.17.3 (run by hand with {@code -Djackson.version=...}).
 */
final class JacksonCheck {

    static final int MINIMUM_MINOR = 16;
    private static final @Nullable ConfigProblem PROBLEM = problem(com.fasterxml.jackson.core.json.PackageVersion.VERSION,
            com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION);

    private JacksonCheck() {
    }

    /**
     * Throws when this class path's Jackson is older than the library needs: as a configuration problem, which every
     * adapter reports at start-up with its fix (the build's configuration, here).
     */
    static void require() {
        if (PROBLEM != null) {
            throw new EmbeddableConfigException(java.util.List.of(PROBLEM));
        }
    }

    /** What is wrong with these versions of jackson-core and jackson-databind, or null when they will do. */
    static @Nullable ConfigProblem problem(Version core, Version databind) {
        if (supported(core) && supported(databind)) {
            return null;
        }
        return new ConfigProblem("com.fasterxml.jackson", "embeddable4j needs Jackson 2." + MINIMUM_MINOR + " or later,"
                + " and this application has jackson-core " + core + " and jackson-databind " + databind + ": its"
                + " build's dependency management chose them (Spring Boot 3.2 and older manage Jackson 2.15)",
                "Set the version Spring Boot manages (Maven: <properties><jackson-bom.version>2.17.3"
                + "</jackson-bom.version></properties>; Gradle: ext['jackson-bom.version'] = '2.17.3'; any version"
                + " from 2.16 on), or import com.fasterxml.jackson:jackson-bom 2.16 or later, or move to Spring Boot 3.3"
                + " or later.");
    }

    private static boolean supported(Version version) {
        return version.getMajorVersion() > 2
                || (version.getMajorVersion() == 2 && version.getMinorVersion() >= MINIMUM_MINOR);
    }
}
