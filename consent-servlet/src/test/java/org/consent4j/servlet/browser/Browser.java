package org.consent4j.servlet.browser;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Debian Chromium driven through its own ChromeDriver, with every host name resolved to
 * the loopback address so that no request can leave the machine. Window 1280x900. Close it to quit
 * the browser.
 *
 * <p>The binaries default to {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver}
 * (Debian packages {@code chromium} and {@code chromium-driver}); system properties
 * {@code consent4j.chromium} and {@code consent4j.chromedriver} override them.
 */
final class Browser implements AutoCloseable {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final ChromeDriver driver;

    private Browser(ChromeDriver driver) {
        this.driver = driver;
    }

    private static File chromium() {
        return new File(System.getProperty("consent4j.chromium", "/usr/bin/chromium"));
    }

    private static File chromedriver() {
        return new File(System.getProperty("consent4j.chromedriver", "/usr/bin/chromedriver"));
    }

    /** Whether both binaries are installed. */
    static boolean installed() {
        return chromium().canExecute() && chromedriver().canExecute();
    }

    /** Skips the calling test loudly (fails under consent4j.requireExternal=true) when the browser is not installed. */
    static void requireInstalled() {
        External.require(chromium().canExecute(), "Chromium at " + chromium(),
                "install it with 'apt-get install -y chromium' or point -Dconsent4j.chromium at it");
        External.require(chromedriver().canExecute(), "ChromeDriver at " + chromedriver(),
                "install it with 'apt-get install -y chromium-driver' or point -Dconsent4j.chromedriver at it");
    }

    /** Starts the browser; see {@link #requireInstalled()}. */
    static Browser start() {
        return start(new String[0]);
    }

    /** Starts the browser with further command-line arguments (e.g. a proxy); see {@link #requireInstalled()}. */
    static Browser start(String... extraArguments) {
        requireInstalled();
        File chromium = chromium();
        File chromedriver = chromedriver();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--host-resolver-rules=MAP * 127.0.0.1", "--disable-features=HttpsUpgrades,HttpsFirstBalancedModeAutoEnable",
                "--window-size=1280,900", "--hide-scrollbars", "--force-color-profile=srgb");
        options.addArguments(extraArguments);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver)
                .usingAnyFreePort().build();
        return new Browser(new ChromeDriver(service, options));
    }

    ChromeDriver driver() {
        return driver;
    }

    /** A fresh visitor: no cookies, no cache, no extra headers, no emulation, a blank page. */
    void reset() {
        driver.get("about:blank");
        cdp("Network.enable", Map.of());
        cdp("Network.clearBrowserCookies", Map.of());
        cdp("Network.clearBrowserCache", Map.of());
        cdp("Network.setExtraHTTPHeaders", Map.of("headers", Map.of()));
        cdp("Emulation.clearDeviceMetricsOverride", Map.of());
        cdp("Emulation.setEmulatedMedia", Map.of("features", List.of()));
    }

    /** Sends these request headers with every request from now on (Accept-Language, Sec-GPC). */
    void headers(Map<String, String> headers) {
        cdp("Network.setExtraHTTPHeaders", Map.of("headers", Map.copyOf(headers)));
    }

    /** Renders the page at this CSS width and height, scaled by {@code zoom} (2 = 200 %). */
    void viewport(int width, int height, double zoom) {
        cdp("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height, "deviceScaleFactor", zoom,
                "mobile", false));
    }

    /** Emulates a CSS media feature, e.g. prefers-reduced-motion: reduce. */
    void mediaFeature(String name, String value) {
        cdp("Emulation.setEmulatedMedia", Map.of("features", List.of(Map.of("name", name, "value", value))));
    }

    Map<String, Object> cdp(String command, Map<String, Object> params) {
        return driver.executeCdpCommand(command, params);
    }

    void open(String url) {
        driver.get(url);
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    <T> T waitUntil(String what, Function<WebDriver, T> condition) {
        try {
            return new WebDriverWait(driver, Duration.ofSeconds(10), Duration.ofMillis(50)).withMessage(what).until(condition);
        } catch (org.openqa.selenium.TimeoutException e) {
            screenshot("failure-" + what.replaceAll("[^A-Za-z0-9]+", "-"));
            throw e;
        }
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> findAll(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    WebElement waitFor(String css) {
        return waitUntil("element " + css + " displayed", d -> {
            List<WebElement> found = d.findElements(By.cssSelector(css));
            return !found.isEmpty() && found.get(0).isDisplayed() ? found.get(0) : null;
        });
    }

    void waitGone(String css) {
        waitUntil("element " + css + " gone", d -> d.findElements(By.cssSelector(css)).isEmpty());
    }

    /** The element that has focus. */
    WebElement focused() {
        return driver.switchTo().activeElement();
    }

    /** Saves a PNG of the viewport under target/screenshots and returns its path. */
    Path screenshot(String name) {
        try {
            new WebDriverWait(driver, Duration.ofSeconds(2), Duration.ofMillis(50)).until(d -> Boolean.TRUE.equals(js(
                    "return document.getAnimations().every(a => a.playState !== 'running')")));
        } catch (org.openqa.selenium.TimeoutException e) {
            // take the picture anyway
        }
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
