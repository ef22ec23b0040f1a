package io.drrunbooks.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.drrunbooks.testsupport.Api;
import io.drrunbooks.testsupport.DemoServiceTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console as an incident commander, an approver and an auditor use it on a 1366×768 laptop, in
 * Debian's headless Chromium on the demo: a drill says DRILL wherever it shows, an approval is decided
 * by explicit buttons (a rejection only with a reason and a confirmation), the RTO bar and the
 * prediction say in words where the run stands, the auditor is offered nothing that changes state,
 * and one view shows at a time however late the responses of the one before arrive.
 */
class IncidentConsoleTest extends DemoServiceTest {

    private static final String REASON = "drill: decide by buttons";

    private final List<String> started = new ArrayList<>();
    private ConsoleBrowser console;
    private Api api;

    @BeforeEach
    void openBrowser() {
        console = new ConsoleBrowser(port, "1366,768");
        api = Api.demo(port);
    }

    /** A run a failed test left waiting would hold its target from the next test's runs. */
    @AfterEach
    void closeBrowserAndEndRuns() {
        console.close();
        started.forEach(runId -> api.as("commander").post("/api/runs/" + runId + "/cancel", "{\"reason\":\"the test is over\"}"));
    }

    private String start(String runbook, String fields) {
        String runId = api.start("{\"runbook\":\"" + runbook + "\"," + fields + "}");
        started.add(runId);
        return runId;
    }

    @Test
    void aDrillsApprovalIsRejectedOnlyByItsButtonWithAReasonAndAConfirmation() {
        String runId = start("registry-corruption", "\"reason\":\"" + REASON + "\",\"drill\":true");
        String taskId = api.awaitTask(runId, "approve-restore");
        String notice = api.as("commander").post("/api/notifications",
                "{\"issueType\":\"data-corruption\",\"subject\":\"console test: an open notification\"}").body().get("notificationId").asText();

        console.signIn("commander");
        console.open("#/runs/" + runId);
        console.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("rto-prediction"), "Waiting on an approver since"));
        assertThat(console.text(By.cssSelector(".drill-banner"))).as("the run page's drill banner").startsWith("DRILL");
        assertThat(console.text(By.id("rto-label"))).matches("\\d+ (s|min) of 1 h");
        assertThat(console.driver.findElement(By.cssSelector("#rto .rto")).getAttribute("data-level")).isEqualTo("green");
        assertThat(console.shown(By.id("diagram-fit"))).as("the diagram's controls").isTrue();
        console.collectLog();
        console.signOut();

        console.signIn("auditor");
        console.open("#/tasks/" + taskId);
        console.await(By.cssSelector("#task-form .fjs-form"));
        assertThat(console.text(By.id("view"))).contains("Only approver may complete this task");
        console.open("#/notifications");
        console.await(By.xpath("//tbody[@id='notifications']/tr[contains(@class, 'open')]/td[contains(., 'console test')]"));
        assertThat(console.driver.findElements(By.cssSelector("#view button"))).as("buttons offered to the auditor").isEmpty();
        console.collectLog();
        console.signOut();

        console.signIn("approver");
        console.open("#/tasks");
        WebElement row = console.await(By.xpath("//tbody[@id='tasks']/tr[td/a[@href='#/tasks/" + taskId + "']]"));
        assertThat(row.findElement(By.cssSelector(".drill-badge")).getText()).isEqualTo("DRILL");
        assertThat(row.getText()).contains("registry-corruption").contains(REASON).containsPattern("\\d+ (s|min)");
        row.findElement(By.cssSelector("a.task-link")).click();
        console.wait.until(ExpectedConditions.elementToBeClickable(By.id("task-reject")));
        assertThat(console.text(By.cssSelector(".drill-banner"))).as("the approval form's drill banner").startsWith("DRILL");
        assertThat(console.driver.findElements(By.cssSelector("#task-form input[type=checkbox], #task-submit")))
                .as("a box whose default would decide, or a Submit that sends it").isEmpty();
        assertThat(inSight("task-approve") && inSight("task-reject")).as("the decision in sight without scrolling at 1366×768").isTrue();

        console.driver.findElement(By.id("task-reject")).click();
        console.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("reject-needs-reason")));
        assertThat(console.shown(By.id("reject-confirmation"))).isFalse();
        console.driver.findElement(By.cssSelector("#task-form textarea")).sendKeys("the set predates the corruption by too little");
        console.driver.findElement(By.id("task-reject")).click();
        console.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("reject-confirmation")));
        console.driver.findElement(By.id("task-reject-back")).click();
        assertThat(console.shown(By.id("reject-confirmation"))).isFalse();
        assertThat(api.get("/api/tasks?runId=" + runId).body()).as("nothing sent before the confirmation").hasSize(1);
        console.driver.findElement(By.id("task-reject")).click();
        console.wait.until(ExpectedConditions.elementToBeClickable(By.id("task-reject-confirm"))).click();
        console.wait.until(ExpectedConditions.textToBe(By.id("task-next"), "The run ended: REJECTED."));
        assertThat(api.awaitEnd(runId).get("outcome").asText()).isEqualTo("REJECTED");

        console.open("#/runs/" + runId);
        console.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("rto-status"), "Ended without recovery (REJECTED)"));
        String frozen = console.text(By.id("rto-label"));
        sleep(2500);
        assertThat(console.text(By.id("rto-label"))).as("the bar stops with the run").isEqualTo(frozen);
        assertThat(console.text(By.id("rto"))).doesNotContain("met").doesNotContain("left");
        assertThat(console.driver.findElements(By.id("rto-prediction"))).isEmpty();
        console.collectLog();
        console.signOut();

        console.signIn("auditor");
        console.open("#/audit/" + runId);
        console.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("chain-check"), "Chain verified"));
        assertThat(console.text(By.cssSelector(".drill-banner"))).as("the audit report's drill banner").startsWith("DRILL");
        assertThat(console.text(By.id("audit-outcome"))).contains("ended without recovery");
        assertThat(console.text(By.id("view"))).contains("REJECTED");
        assertThat(console.text(By.id("trail"))).as("each event's details")
                .contains("reason: the set predates the corruption by too little").contains("runReason: " + REASON);
        console.assertNoJavaScriptErrors();
        assertThat(api.as("auditor").post("/api/notifications/" + notice + "/ack", "{}").status()).as("the API refuses the auditor too")
                .isEqualTo(403);
        assertThat(api.as("commander").post("/api/notifications/" + notice + "/ack", "{}").status()).isEqualTo(200);
    }

    /** The first api/runbooks answer of each page load arrives 2 s late: the view that asked for it is then stale. */
    @Test
    void oneViewAtATimeWhateverTheOrderResponsesArriveIn() {
        String runId = start("verify-backup", "\"reason\":\"a run to audit\"");
        api.awaitEnd(runId);
        console.driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", """
                const realFetch = window.fetch;
                let delayed = false;
                window.fetch = async (...args) => {
                  const response = await realFetch(...args);
                  if (!delayed && String(args[0]).startsWith('api/runbooks')) {
                    delayed = true;
                    await new Promise(resolve => setTimeout(resolve, 2000));
                  }
                  return response;
                };"""));
        console.signIn("commander");
        console.wait.until(ExpectedConditions.urlContains("#/runs"));
        console.driver.findElement(By.id("nav-backups")).click();
        console.await(By.cssSelector("#backups tr"));
        sleep(3000);
        assertThat(console.driver.findElements(By.cssSelector("#view h2"))).extracting(WebElement::getText).containsExactly("Backup sets");

        // another document (a query, not only a hash), so that its first api/runbooks answer is late again
        console.driver.get(console.base() + "/?again#/runs");
        console.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("who"), "commander"));
        console.driver.executeScript("location.hash = arguments[0]", "#/audit/" + runId);
        console.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("chain-check"), "Chain verified"));
        sleep(3000);
        assertThat(console.driver.findElements(By.cssSelector("#view h2"))).extracting(WebElement::getText)
                .containsExactly("Audit: verify-backup " + runId);
        assertThat(console.driver.findElements(By.cssSelector("#start-form, #runs"))).isEmpty();
        console.assertNoJavaScriptErrors();
    }

    @Test
    void aPruneDryRunListsWhatWouldGoAndWhy() {
        console.signIn("operator");
        String runId = start("prune-backups", "\"reason\":\"what would go?\",\"dryRun\":true");
        console.open("#/runs/" + runId);
        console.await(By.id("prune-decisions"));
        String shown = console.text(By.id("prune-decisions"));
        assertThat(shown).startsWith("Dry run: what would be deleted, and why");
        JsonNode decisions = api.event(runId, "step.completed", "prune").get("detail").get("output").get("pruneDecisions");
        if (decisions.isEmpty()) {
            assertThat(shown).contains("Nothing would be deleted");
        }
        decisions.forEach(decision -> assertThat(shown).contains(decision.get("set").asText()).contains(decision.get("reason").asText()));
        console.assertNoJavaScriptErrors();
    }

    @Test
    void aDrillsFormNeverClaimsACheckItSkippedPassed() {
        String runId = start("server-loss", "\"reason\":\"drill: the server is gone\",\"drill\":true");
        api.completeServerLossTasks(runId, "confirm-config-restore", false);
        String taskId = api.awaitTask(runId, "switch-dns");
        console.signIn("commander");
        console.open("#/tasks/" + taskId);
        console.await(By.cssSelector("#task-form .fjs-form"));
        assertThat(console.text(By.cssSelector(".drill-banner"))).startsWith("DRILL");
        assertThat(console.text(By.id("task-form"))).contains("Health check on the new server: skipped (drill)")
                .doesNotContain("answers its health check");
        console.assertNoJavaScriptErrors();
    }

    private boolean inSight(String id) {
        return (Boolean) console.driver.executeScript("const box = document.getElementById(arguments[0]).getBoundingClientRect();"
                + " return box.height > 0 && box.top >= 0 && box.bottom <= window.innerHeight;", id);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
