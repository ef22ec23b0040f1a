package io.drrunbooks.console;

import io.drrunbooks.testsupport.DemoServiceTest;
import io.drrunbooks.testsupport.TestHomes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
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
 * The newcomer's path in a real browser (Debian's headless Chromium), on the demo: the commander
 * starts a drill and watches the diagram, the approver approves it in its form, the run finishes,
 * and the auditor sees its chain verified. Any JavaScript error the pages log fails the test.
 */
class ConsoleBrowserTest extends DemoServiceTest {

    private final List<LogEntry> browserLog = new ArrayList<>();
    private Path profile;
    private WebDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void openBrowser() {
        profile = TestHomes.create("dr-console-chromium");
        ChromeOptions options = new ChromeOptions().setBinary("/usr/bin/chromium").addArguments("--headless", "--no-sandbox",
                "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--window-size=1400,1000", "--user-data-dir=" + profile);
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logging);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(90));
    }

    @AfterEach
    void closeBrowser() {
        browser.quit();
        FileSystemUtils.deleteRecursively(profile.toFile());
    }

    @Test
    void aDrillFromStartToAuditReportWithoutCurl() {
        signIn("commander");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("start-form")));
        new Select(browser.findElement(By.id("start-runbook"))).selectByValue("registry-corruption");
        browser.findElement(By.id("start-reason")).sendKeys("drill: agent listing fails");
        assertThat(browser.findElement(By.id("start-drill")).isSelected()).isTrue();
        assertThat(browser.findElement(By.id("start-drill")).isDisplayed()).isTrue();
        browser.findElement(By.id("start-submit")).click();
        wait.until(ExpectedConditions.urlMatches("#/runs/[0-9a-f-]{36}$"));
        String runId = browser.getCurrentUrl().replaceAll(".*#/runs/", "");

        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-element-id='approve-restore'].step-active")));
        assertThat(browser.findElements(By.cssSelector(".djs-element.step-done"))).isNotEmpty();
        assertThat(browser.findElement(By.cssSelector(".bjs-powered-by")).isDisplayed()).as("bpmn-js's bpmn.io watermark").isTrue();
        assertThat(browser.findElement(By.id("rto")).getText()).contains("Elapsed").contains("deadline");
        collectLog();

        signOut();
        signIn("approver");
        browser.get(base() + "/#/tasks");
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("a.task-link"))).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#task-form input[type=checkbox]"))).click();
        assertThat(browser.findElement(By.cssSelector(".fjs-powered-by")).isDisplayed()).as("form-js's bpmn.io watermark").isTrue();
        browser.findElement(By.cssSelector("#task-form textarea")).sendKeys("the set is the one before the damage");
        browser.findElement(By.id("task-submit")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("task-done")));
        browser.get(base() + "/#/runs/" + runId);
        wait.until(ExpectedConditions.textToBe(By.id("run-state"), "COMPLETED"));
        assertThat(browser.findElement(By.id("run-outcome")).getText()).isEqualTo("RECOVERED");
        browser.get(base() + "/#/runs");
        By listedRun = By.xpath("//tbody[@id='runs']/tr[td/a[@href='#/runs/" + runId + "']]");
        wait.until(ExpectedConditions.presenceOfElementLocated(listedRun));
        assertThat(browser.findElement(listedRun).findElements(By.cssSelector(".drill"))).as("the drill marked in the list").hasSize(1);
        collectLog();

        signOut();
        signIn("auditor");
        browser.get(base() + "/#/audit/" + runId);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("chain-check"), "Chain verified"));
        assertThat(browser.findElement(By.id("view")).getText()).contains("approver").contains("Approve restore");
        collectLog();

        assertThat(browserLog.stream().filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)).as("JavaScript errors").isEmpty();
    }

    @Test
    void onlyARecoveryOffersToRunAsADrill() {
        signIn("operator");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("start-form")));
        Select runbook = new Select(browser.findElement(By.id("start-runbook")));
        assertThat(runbook.getOptions()).extracting(option -> option.getAttribute("value"))
                .containsExactlyInAnyOrder("backup", "verify-backup", "prune-backups");
        for (String id : List.of("backup", "verify-backup", "prune-backups")) {
            runbook.selectByValue(id);
            assertThat(browser.findElement(By.id("start-drill")).isDisplayed()).as("the drill box for " + id).isFalse();
        }
        collectLog();
        assertThat(browserLog.stream().filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)).as("JavaScript errors").isEmpty();
    }

    private void signIn(String user) {
        browser.get(base() + "/");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("login-user"))).sendKeys(user);
        browser.findElement(By.id("login-password")).sendKeys(user);
        browser.findElement(By.id("login-submit")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("who"), user));
    }

    private void signOut() {
        browser.findElement(By.id("logout")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("login-user")));
    }

    /** Chromium hands each log entry out once; gathered before every page change so none is lost. */
    /** Gathers the browser's log, and fails on a problem the page caught and showed instead of logging. */
    private void collectLog() {
        browserLog.addAll(browser.manage().logs().get(LogType.BROWSER).getAll());
        assertThat(browser.findElements(By.cssSelector(".problem")).stream().filter(WebElement::isDisplayed).map(WebElement::getText))
                .as("problems shown on the page").isEmpty();
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }
}
