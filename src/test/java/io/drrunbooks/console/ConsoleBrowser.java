package io.drrunbooks.console;

import io.drrunbooks.testsupport.TestHomes;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.util.FileSystemUtils;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Debian's headless Chromium on the console, at a given window size, signed in as the demo's users
 * (each user's password is its name); gathers the browser's log so that a test can fail on any
 * JavaScript error and on any problem a page caught and showed.
 */
final class ConsoleBrowser implements AutoCloseable {

    final ChromeDriver driver;
    final WebDriverWait wait;
    private final String base;
    private final Path profile;
    private final List<LogEntry> log = new ArrayList<>();

    ConsoleBrowser(int port, String windowSize) {
        base = "http://127.0.0.1:" + port;
        profile = TestHomes.create("dr-console-chromium");
        ChromeOptions options = new ChromeOptions().setBinary("/usr/bin/chromium").addArguments("--headless", "--no-sandbox",
                "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--window-size=" + windowSize, "--user-data-dir=" + profile);
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logging);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, Duration.ofSeconds(90));
    }

    String base() {
        return base;
    }

    void open(String hash) {
        driver.get(base + "/" + hash);
    }

    void signIn(String user) {
        driver.get(base + "/");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("login-user"))).sendKeys(user);
        driver.findElement(By.id("login-password")).sendKeys(user);
        driver.findElement(By.id("login-submit")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("who"), user));
    }

    void signOut() {
        driver.findElement(By.id("logout")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("login-user")));
    }

    WebElement await(By locator) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(locator));
    }

    String text(By locator) {
        return driver.findElement(locator).getText();
    }

    boolean shown(By locator) {
        return driver.findElements(locator).stream().anyMatch(WebElement::isDisplayed);
    }

    /** Chromium hands each log entry out once: gathered before every page change so that none is lost. */
    void collectLog() {
        log.addAll(driver.manage().logs().get(LogType.BROWSER).getAll());
        assertThat(driver.findElements(By.cssSelector(".problem")).stream().filter(WebElement::isDisplayed).map(WebElement::getText))
                .as("problems shown on the page").isEmpty();
    }

    void assertNoJavaScriptErrors() {
        collectLog();
        assertThat(log.stream().filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::getMessage))
                .as("JavaScript errors").isEmpty();
    }

    @Override
    public void close() {
        driver.quit();
        FileSystemUtils.deleteRecursively(profile.toFile());
    }
}
