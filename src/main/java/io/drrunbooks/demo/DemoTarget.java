package io.drrunbooks.demo;

import io.drrunbooks.backup.BackupSet;
import io.drrunbooks.backup.BackupSets;
import io.drrunbooks.runbook.RunStartHook;
import io.drrunbooks.target.Target;
import io.drrunbooks.target.TargetProperties;
import io.drrunbooks.verify.RegistryCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The demo target: created on first start, damaged when a registry recovery starts, health simulated. */
@RestController
@Profile("demo")
class DemoTarget implements RunStartHook {

    private static final Logger log = LoggerFactory.getLogger(DemoTarget.class);
    private final Target target;
    private final TargetProperties properties;
    private final RegistryCheck registryCheck = new RegistryCheck();
    private final DemoSignIns signIns;

    DemoTarget(Target target, TargetProperties properties, BackupSets backups, UserDetailsService users,
               PasswordEncoder passwords) {
        this.target = target;
        this.properties = properties;
        this.signIns = new DemoSignIns(users, passwords);
        Path root = target.layout().root();
        if (!Files.exists(root)) {
            SampleTree.write(root);
            log.info("demo: created a sample Platform God tree at {}", root);
        }
        if (backups.list().isEmpty()) {
            BackupSet first = backups.write(target.layout(), target.layout().dailyDataSets());
            log.info("demo: wrote a first backup set {}", first.directory());
        }
    }

    /** The simulated health endpoint is this service's own; its port is known only now. */
    @EventListener
    void onServerStarted(WebServerInitializedEvent event) {
        if (properties.getHealthUrl().isBlank()) {
            properties.setHealthUrl("http://127.0.0.1:" + event.getWebServer().getPort() + "/demo/health/status");
        }
        int port = event.getWebServer().getPort();
        List<String> demoSignIns = signIns.working();
        if (demoSignIns.isEmpty()) {
            log.info("demo: target {}; the console is at http://localhost:{}/ (sign in as one of the users of"
                    + " dr.security.users)", target.layout().root(), port);
            return;
        }
        String first = demoSignIns.get(0);
        log.info("demo: target {}; the console is at http://localhost:{}/ (sign in as {}); or start a recovery with:"
                + " curl -s -u {} -XPOST localhost:{}/api/runs -H 'Content-Type: application/json'"
                + " -d '{\"runbook\":\"registry-corruption\",\"reason\":\"demo\"}'",
                target.layout().root(), port, String.join(", ", demoSignIns), first.replace('/', ':'), port);
    }

    /** Damages the registry the run acts on: the live one, or a drill's scratch copy. */
    @Override
    public void beforeStart(String runbook, String runId, Path targetRoot) {
        if ("registry-corruption".equals(runbook) && registryProblems(targetRoot).isEmpty()) {
            Path damaged = SampleTree.damageRegistry(targetRoot);
            log.info("demo: run {} starts on a corrupted registry: damaged {}", runId, damaged);
        }
    }

    /** Platform God's {@code /health/status}, simulated: ok only while the registry parses. */
    @GetMapping("/demo/health/status")
    ResponseEntity<Map<String, Object>> health() {
        List<String> problems = registryProblems(target.layout().root());
        return problems.isEmpty()
                ? ResponseEntity.ok(Map.of("status", "ok"))
                : ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(Map.of("status", "degraded", "problems", problems));
    }

    private List<String> registryProblems(Path root) {
        Path registry = target.layout().withRoot(root).resolve(target.layout().dataSets(List.of("registry")).get(0).directory());
        return Files.isDirectory(registry) ? registryCheck.problems(registry) : List.of("var/registry is missing");
    }
}
