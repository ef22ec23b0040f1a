package io.drrunbooks.cli;

import io.drrunbooks.backup.BackupSet;
import io.drrunbooks.verify.SetVerifier;
import io.drrunbooks.verify.Verification;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "verify", description = "Verifies a backup set: archive checksums, then every file. Exit 0 when intact, 2 when not, 3 when"
        + " an encrypted archive could not be checked for want of its key.")
final class VerifyCommand implements Callable<Integer> {

    @Mixin
    KeyFile keyFile;

    @Parameters(index = "0", paramLabel = "SETDIR", description = "The backup set's directory.")
    Path setDirectory;

    @Override
    public Integer call() {
        BackupSet set = Sets.open(setDirectory, keyFile.key());
        Verification verification = new SetVerifier().verify(set);
        if (verification.ok()) {
            System.out.println("intact: " + set.directory() + " (" + Counted.of(set.dataSets().size(), "archive") + ")");
            return 0;
        }
        // without the key an encrypted archive's files are unchecked, which is not the same as found damaged
        boolean keyMissing = set.manifest().archives().stream()
                .anyMatch(a -> a.file().equals(verification.archive()) && set.lacksKey(a.dataSet()));
        System.err.println((keyMissing ? "NOT VERIFIED: " : "CORRUPT: ") + verification.message());
        return keyMissing ? 3 : 2;
    }
}
