package io.drrunbooks.cli;

import io.drrunbooks.auditexport.BundleCheck;
import io.drrunbooks.auditexport.BundleRejected;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "verify-export", description = "Checks a signed audit bundle offline: signature, entries, the run's chain and its head, "
        + "optionally the backup sets on disk. Exit 0 when it holds, 3 naming what does not.")
final class VerifyExportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "BUNDLE", description = "The bundle zip, as the service exported it.")
    Path bundle;

    @Option(names = "--public-key", paramLabel = "PEM", description = "The service's public key (GET /api/audit/signing-key); the bundle must be signed with it.")
    Path publicKey;

    @Option(names = "--backup-root", paramLabel = "DIR", description = "A backup root under which the sets the bundle lists are rehashed, manifest and archives.")
    Path backupRoot;

    @Override
    public Integer call() {
        BundleCheck.Report report;
        try {
            report = new BundleCheck(new BundleCheck.Options(bundle, publicKey, backupRoot)).run();
        } catch (BundleRejected rejected) {
            System.err.println("REJECTED: " + bundle + ": " + rejected.getMessage());
            return 3;
        } catch (IOException unreadable) {
            System.err.println("error: cannot read " + unreadable.getMessage() + " (" + unreadable.getClass().getSimpleName() + ")");
            return 1;
        }
        System.out.println("run " + report.runId() + ": " + Counted.of(report.events(), "event") + ", chain intact, head event "
                + report.headSeq() + " " + report.headHash());
        System.out.println("signed with key " + report.keyFingerprint() + (report.pinned() ? " (the pinned key)"
                : " (NOT pinned: the bundle's own key; pass --public-key to require the service's)"));
        System.out.println(Counted.of(report.sets(), "backup set") + " listed" + (backupRoot == null ? ", not rechecked (no --backup-root)"
                : ", " + report.setsChecked() + " rechecked on disk under " + backupRoot));
        return 0;
    }
}
