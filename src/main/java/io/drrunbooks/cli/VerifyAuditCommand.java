package io.drrunbooks.cli;

import io.drrunbooks.audit.AuditTrail;
import io.drrunbooks.audit.ChainCheck;
import io.drrunbooks.auditexport.SigningKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "verify-audit", description = "Recomputes every run's audit chain and checks it against its signed head;"
        + " exit 0 when all are intact, else names the run and its first broken link (3).")
final class VerifyAuditCommand implements Callable<Integer> {

    @Option(names = "--home", defaultValue = "${env:DR_HOME:-./dr-data}", description = "The service's home, whose audit trail is checked (default: $DR_HOME or ./dr-data).")
    Path home;

    @Option(names = "--signing-key", description = "The service's audit signing key, when dr.audit.signing-key-file sets one"
            + " (default: <home>/audit-signing-key.pem, the one the service generates).")
    Path signingKey;

    @Override
    public Integer call() {
        Optional<SigningKey> key = signingKey != null ? Optional.of(SigningKey.load(signingKey)) : SigningKey.existing(home);
        AuditTrail trail = new AuditTrail(CliDatabase.open(home), Clock.systemUTC(), key.orElse(null));
        if (key.isEmpty() && trail.signedHeads() > 0) {
            System.err.println("NOT VERIFIED: " + trail.signedHeads() + " signed heads, and no signing key to check them"
                    + " (--signing-key)");
            return 3;
        }
        List<ChainCheck> checks = trail.checkAll();
        List<ChainCheck> broken = checks.stream().filter(c -> !c.intact()).toList();
        broken.forEach(c -> System.err.println("BROKEN: run " + c.runId() + ": " + c.problem()));
        System.out.println(checks.size() - broken.size() + " of " + Counted.of(checks.size(), "audit chain") + " intact");
        return broken.isEmpty() ? 0 : 3;
    }
}
