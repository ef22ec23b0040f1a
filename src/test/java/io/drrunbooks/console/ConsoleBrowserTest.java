package io.drrunbooks.console;

import io.drrunbooks.testsupport.DemoServiceTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The newcomer's path in a real browser (Debian's headless Chromium), on the demo: the commander
 * starts a drill and watches the diagram, the approver approves it in its form, the run finishes,
 * and the auditor sees its chain verified. Any JavaScript error the pages log fails the test.
 */
class ConsoleBrowserTest extends DemoServiceTest {

    private ConsoleBrowser console;
    private WebDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void openBrowser() {
        console = new ConsoleBrowser(port, "1400,1000");
        browser = console.driver;
        wait = console.wait;
    }

    @AfterEach
    void closeBrowser() {
        console.close();
    }

    @Test
    void aDrillFromStartToAuditReportWithoutCurl() {
        console.signIn("commander");
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
        assertThat(browser.findElement(By.id("rto")).getText()).contains("of 1 h").contains("deadline");
        console.collectLog();

        console.signOut();
        console.signIn("approver");
        console.open("#/tasks");
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("a.task-link"))).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("task-approve")));
        assertThat(browser.findElement(By.cssSelector(".fjs-powered-by")).isDisplayed()).as("form-js's bpmn.io watermark").isTrue();
        browser.findElement(By.cssSelector("#task-form textarea")).sendKeys("the set is the one before the damage");
        browser.findElement(By.id("task-approve")).click();
        wait.until(ExpectedConditions.textToBe(By.id("task-next"), "The run ended: RECOVERED."));
        console.open("#/runs/" + runId);
        wait.until(ExpectedConditions.textToBe(By.id("run-state"), "COMPLETED"));
        assertThat(browser.findElement(By.id("run-outcome")).getText()).isEqualTo("RECOVERED");
        assertThat(console.text(By.id("rto-status"))).contains("RTO met");
        console.open("#/runs");
        By listedRun = By.xpath("//tbody[@id='runs']/tr[td/a[@href='#/runs/" + runId + "']]");
        wait.until(ExpectedConditions.presenceOfElementLocated(listedRun));
        assertThat(browser.findElement(listedRun).findElements(By.cssSelector(".drill"))).as("the drill marked in the list").hasSize(1);
        console.collectLog();

        console.signOut();
        console.signIn("auditor");
        console.open("#/audit/" + runId);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("chain-check"), "Chain verified"));
        assertThat(browser.findElement(By.id("view")).getText()).contains("approver").contains("Approve restore").contains("APPROVED");
        console.assertNoJavaScriptErrors();
    }

    @Test
    void onlyARecoveryOffersToRunAsADrill() {
        console.signIn("operator");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("start-form")));
        Select runbook = new Select(browser.findElement(By.id("start-runbook")));
        assertThat(runbook.getOptions()).extracting(option -> option.getAttribute("value"))
                .containsExactlyInAnyOrder("backup", "verify-backup", "prune-backups");
        for (String id : List.of("backup", "verify-backup", "prune-backups")) {
            runbook.selectByValue(id);
            assertThat(browser.findElement(By.id("start-drill")).isDisplayed()).as("the drill box for " + id).isFalse();
        }
        console.assertNoJavaScriptErrors();
    }
}
