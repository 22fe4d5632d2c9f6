package io.github.embeddable4j.examples.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.function.Function;
import java.util.stream.Stream;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by its matching chromedriver ({@code apt-get install chromium chromium-driver};
 * {@code .ci/run} installs them). Selenium Manager is never used: the machine has no internet. The profile
 * directory is deleted on close.
 */
public final class HeadlessChromium implements AutoCloseable {

    private static final String CHROMIUM = System.getProperty("chromium.binary", "/usr/bin/chromium");
    private static final String CHROMEDRIVER = System.getProperty("chromedriver.binary", "/usr/bin/chromedriver");

    private final Path profile;
    private final ChromeDriver driver;

    public HeadlessChromium() throws IOException {
        this(java.util.List.of());
    }

    /** With extra Chromium arguments, such as host-resolver rules. */
    public HeadlessChromium(java.util.List<String> extraArguments) throws IOException {
        if (!new File(CHROMIUM).canExecute() || !new File(CHROMEDRIVER).canExecute()) {
            throw new IllegalStateException("Browser tests need " + CHROMIUM + " and " + CHROMEDRIVER
                    + ": run 'apt-get install -y chromium chromium-driver' (bash .ci/run does it)");
        }
        profile = Files.createTempDirectory("embeddable4j-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        // Flags that work on this kind of machine; without the network ones Chromium keeps
        // trying to reach Google through a closed network.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--disable-popup-blocking", "--window-size=1400,1000", "--user-data-dir=" + profile);
        options.addArguments(extraArguments);
        org.openqa.selenium.logging.LoggingPreferences logs = new org.openqa.selenium.logging.LoggingPreferences();
        logs.enable(org.openqa.selenium.logging.LogType.BROWSER, java.util.logging.Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
    }

    public WebDriver driver() {
        return driver;
    }

    /** Runs a script in the page and returns its result. */
    public Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    /** The browser console's messages since the last call (errors, warnings, logs), as text. */
    public java.util.List<String> console() {
        return driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
                .map(e -> e.getLevel() + " " + e.getMessage()).toList();
    }

    /** Waits (up to 40 s: a shared 2-core machine under load can be slow) until the condition returns a non-null, non-false value. */
    public <T> T await(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(40)).until(condition);
    }

    /** The widget frame's URL parameters once the loader has made the frame (see {@link StandInWidget#query}). */
    public java.util.Map<String, String> widgetFrameQuery() {
        return StandInWidget.query(await(d -> (String) script(
                "var f = document.getElementById('rc-widget-adapter-frame'); return f ? f.src : null")));
    }

    /** The same, once the frame's URL carries {@code key} (a login handoff's {@code authorizationCode}, say). */
    public java.util.Map<String, String> widgetFrameQueryWith(String key) {
        return StandInWidget.query(await(d -> (String) script("var f = document.getElementById('rc-widget-adapter-frame');"
                + " return f && f.src.indexOf(arguments[0] + '=') >= 0 ? f.src : null", key)));
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // best effort
            }
        }
    }
}
