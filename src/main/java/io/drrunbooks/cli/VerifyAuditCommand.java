package io.drrunbooks.cli;

import io.drrunbooks.audit.AuditTrail;
import io.drrunbooks.audit.ChainCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "verify-audit", description = "Recomputes every run's audit chain; exit 0 when all are intact, else names the first broken link.")
final class VerifyAuditCommand implements Callable<Integer> {

    @Option(names = "--home", defaultValue = "${env:DR_HOME:-./dr-data}", description = "The service's home, whose audit trail is checked (default: $DR_HOME or ./dr-data).")
    Path home;

    @Override
    public Integer call() {
        List<ChainCheck> checks = new AuditTrail(CliDatabase.open(home), Clock.systemUTC()).checkAll();
        List<ChainCheck> broken = checks.stream().filter(c -> !c.intact()).toList();
        broken.forEach(c -> System.err.println("BROKEN: run " + c.runId() + ": " + c.problem()));
        System.out.println(checks.size() - broken.size() + " of " + Counted.of(checks.size(), "audit chain") + " intact");
        return broken.isEmpty() ? 0 : 3;
    }
}
