package io.github.embeddable4j.examples.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.bidi.module.Browser;
import org.openqa.selenium.bidi.browsingcontext.BrowsingContext;
import org.openqa.selenium.bidi.browsingcontext.BrowsingContextInfo;
import org.openqa.selenium.bidi.browsingcontext.CreateContextParameters;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A fresh headless browser: Debian's Chromium driven by its matching chromedriver ({@code apt-get install chromium
 * chromium-driver}; {@code .ci/run} installs them). Selenium Manager is never used: the machine has no internet.
 *
 * <p>{@code new HeadlessChromium()} is a new user context (WebDriver BiDi's name for an incognito-like profile: its
 * own cookies, storage and cache, nothing shared with any other) in one Chromium that the test JVM starts at first use
 * and quits when it exits. Starting and quitting a Chromium costs about 2.5 s of a 2-core machine's CPU; a user
 * context about 0.5 s. What the contexts share is the WebDriver session: {@link #driver()} first switches it to this
 * browser's window when another one was used last, {@link #windows()} lists this browser's own windows,
 * {@link #newTab()} opens a tab in this browser (not WebDriver's {@code switchTo().newWindow}: that one opens in the
 * default profile), and {@link #console()} reads the messages of every window. {@code new HeadlessChromium(arguments)}
 * starts a Chromium of its own, without BiDi, for arguments such as host-resolver rules, or for a popup that frames
 * another site at once. {@link #close()} removes the user context (or quits its own Chromium and deletes the
 * profile).
 *
 * <p>A test class that uses one browser for all its tests holds it in a static field that JUnit closes after them:
 * {@code @AutoClose static final HeadlessChromium chromium = new HeadlessChromium();}
 */
public final class HeadlessChromium implements AutoCloseable {

    private static final String CHROMIUM = System.getProperty("chromium.binary", "/usr/bin/chromium");
    private static final String CHROMEDRIVER = System.getProperty("chromedriver.binary", "/usr/bin/chromedriver");

    /** The JVM's Chromium, started at the first {@code new HeadlessChromium()}. */
    private static Launched shared;
    /** The user context the shared session is switched to. */
    private static HeadlessChromium focused;

    private final Launched launched;
    /** This browser's user context in the shared Chromium; null for a Chromium of its own. */
    private final String userContext;
    /** The window this browser was on when another took the session (its first tab at first). */
    private String window;

    public HeadlessChromium() {
        Launched browser;
        synchronized (HeadlessChromium.class) {
            if (shared == null) {
                shared = new Launched(List.of(), true);
                Launched started = shared;
                Runtime.getRuntime().addShutdownHook(new Thread(started::close));
            }
            browser = shared;
        }
        launched = browser;
        userContext = new Browser(browser.driver).createUserContext();
        window = new BrowsingContext(browser.driver, new CreateContextParameters(WindowType.TAB).userContext(userContext))
                .getId();
        driver();
        console(); // what other browsers' windows logged before this one
    }

    /**
     * A Chromium of its own, with extra arguments, such as host-resolver rules, driven without WebDriver BiDi (it needs
     * no user context). Take one for a page that a popup opens with a cross-site frame at once: BiDi's mapper in
     * Chromium 156 sometimes loses such a frame ({@code NoSuchFrameException: Context ... not found} in the console)
     * and leaves it paused before it runs, {@code about:blank} for good although its page was served (about 1 run in 20
     * of {@code OpenerPolicyBrowserTest}).
     */
    public HeadlessChromium(List<String> extraArguments) {
        launched = new Launched(extraArguments, false);
        userContext = null;
        window = launched.firstWindow;
    }

    /** The WebDriver session, on this browser's window (the last one it was on, when another browser took it). */
    public WebDriver driver() {
        ChromeDriver driver = launched.driver;
        if (userContext != null) {
            synchronized (HeadlessChromium.class) {
                if (focused != this) {
                    if (focused != null) {
                        focused.leave();
                    }
                    driver.switchTo().window(window);
                    focused = this;
                }
            }
        }
        return driver;
    }

    private void leave() {
        try {
            window = launched.driver.getWindowHandle();
        } catch (WebDriverException e) {
            // its window is closed: it goes back to where it was last switched away from
        }
    }

    /** The handles of this browser's top-level windows (its tab and the popups it opened). */
    public List<String> windows() {
        if (userContext == null) {
            return List.copyOf(launched.driver.getWindowHandles());
        }
        return new BrowsingContext(launched.driver, launched.firstWindow).getTopLevelContexts().stream()
                .filter(c -> userContext.equals(c.getUserContext())).map(BrowsingContextInfo::getId).toList();
    }

    /**
     * Opens a new tab of this browser (same cookies and storage) and switches to it. WebDriver's own
     * {@code switchTo().newWindow} would open it in Chromium's default profile.
     */
    public String newTab() {
        WebDriver driver = driver();
        if (userContext == null) {
            return driver.switchTo().newWindow(WindowType.TAB).getWindowHandle();
        }
        String tab = new BrowsingContext(launched.driver, new CreateContextParameters(WindowType.TAB).userContext(userContext))
                .getId();
        driver.switchTo().window(tab);
        return tab;
    }

    /** Runs a script in the page and returns its result. */
    public Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver()).executeScript(js, args);
    }

    /**
     * The browser console's messages since the last call (errors, warnings, logs), as text. With several browsers
     * open at once they are every window's messages: the session's log does not say which window wrote one.
     */
    public List<String> console() {
        return launched.driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
                .map(e -> e.getLevel() + " " + e.getMessage()).toList();
    }

    /**
     * Waits (up to 40 s: a shared 2-core machine under load can be slow) until the condition returns a non-null,
     * non-false value. When it does not, the timeout says where the page was and what the browser logged as errors and
     * warnings meanwhile: a failure in CI is then explained by its own message (a server answer the page could not
     * read, a script error), which is often all a CI log keeps.
     */
    public <T> T await(Function<WebDriver, T> condition) {
        try {
            return new WebDriverWait(driver(), Duration.ofSeconds(40)).until(condition);
        } catch (TimeoutException e) {
            throw new TimeoutException(e.getRawMessage() + "\n" + browserState(), e);
        }
    }

    /** The page's address and title and the console's errors and warnings since the last read, for a failure message. */
    private String browserState() {
        StringBuilder state = new StringBuilder();
        try {
            WebDriver driver = driver();
            state.append("page: ").append(driver.getCurrentUrl()).append(" \"").append(driver.getTitle()).append('"');
            List<String> problems = console().stream().filter(line -> line.startsWith("SEVERE") || line.startsWith("WARNING"))
                    .map(line -> line.length() > 300 ? line.substring(0, 300) + "..." : line).toList();
            List<String> last = problems.subList(Math.max(0, problems.size() - 15), problems.size());
            state.append("\nbrowser console, errors and warnings (").append(problems.size()).append(last.size() < problems.size()
                    ? ", the last " + last.size() : "").append("):");
            last.forEach(line -> state.append("\n  ").append(line));
        } catch (WebDriverException e) {
            state.append("\n(the browser's state could not be read: ").append(e.getRawMessage()).append(')');
        }
        return state.toString();
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
        if (userContext == null) {
            launched.close();
            return;
        }
        synchronized (HeadlessChromium.class) {
            if (launched.closed) {
                return; // the JVM is exiting: its user contexts went with the browser
            }
            if (focused == this) {
                focused = null;
                launched.driver.switchTo().window(launched.firstWindow);
            }
            new Browser(launched.driver).removeUserContext(userContext); // closes its windows
        }
    }

    /** A Chromium process and its WebDriver session; its first tab (default profile) stays open and unused. */
    private static final class Launched {
        final Path profile;
        final ChromeDriver driver;
        final String firstWindow;
        volatile boolean closed;

        Launched(List<String> extraArguments, boolean bidi) {
            if (!new File(CHROMIUM).canExecute() || !new File(CHROMEDRIVER).canExecute()) {
                throw new IllegalStateException("Browser tests need " + CHROMIUM + " and " + CHROMEDRIVER
                        + ": run 'apt-get install -y chromium chromium-driver' (bash .ci/run does it)");
            }
            try {
                profile = Files.createTempDirectory("embeddable4j-chromium");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
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
            if (bidi) {
                options.setCapability("webSocketUrl", true); // WebDriver BiDi, for user contexts
            }
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
                    .usingAnyFreePort().build();
            driver = new ChromeDriver(service, options);
            firstWindow = driver.getWindowHandle();
            if (bidi) {
                driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER); // BiDi's own start-up message
            }
        }

        void close() {
            synchronized (HeadlessChromium.class) { // not while a user context is being removed
                closed = true;
            }
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
}
