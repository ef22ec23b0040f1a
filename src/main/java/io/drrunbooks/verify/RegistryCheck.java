package io.drrunbooks.verify;

import io.drrunbooks.backup.ArchiveVisitor;
import io.drrunbooks.backup.BackupException;
import io.drrunbooks.backup.BackupSet;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The spec's registry-corruption symptom is "agent listing fails with parsing errors": every YAML document
 * in the registry must load. SafeConstructor, so a hostile registry file cannot instantiate classes.
 */
public final class RegistryCheck {

    public RegistryCheck() {
    }

    /** Problems of the YAML files under a directory on disk, each naming the file and line; empty when all parse. */
    public List<String> problems(Path registryDirectory) {
        if (!Files.isDirectory(registryDirectory)) {
            return List.of(registryDirectory + ": not a directory");
        }
        List<String> problems = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(registryDirectory)) {
            for (Path file : paths.filter(p -> Files.isRegularFile(p) && isYaml(p.getFileName().toString())).sorted().toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    problem(file.toString(), in).ifPresent(problems::add);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            problems.add(registryDirectory + ": cannot read: " + e);
        }
        return problems;
    }

    /** The same check on the YAML entries of a set's archive, read straight from the stream without extracting. */
    public List<String> problems(BackupSet set, String dataSet) {
        if (set.archiveRecord(dataSet).isEmpty()) {
            return List.of("set " + set.id() + " has no archive for data set " + dataSet);
        }
        List<String> problems = new ArrayList<>();
        try {
            set.scan(dataSet, new ArchiveVisitor() {
                @Override
                public void entry(TarArchiveEntry entry, InputStream content) {
                    if (EntryRules.isRegularFile(entry) && isYaml(entry.getName())) {
                        problem(set.archive(dataSet).getFileName() + ":" + entry.getName(), content).ifPresent(problems::add);
                    }
                }
            });
        } catch (BackupException e) {
            problems.add(e.getMessage());
        }
        return problems;
    }

    private static boolean isYaml(String name) {
        return name.endsWith(".yaml") || name.endsWith(".yml");
    }

    private static Optional<String> problem(String name, InputStream content) {
        Reader reader = new InputStreamReader(content, StandardCharsets.UTF_8);
        try {
            for (Object ignored : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(reader)) {
                // loading each document is the check
            }
            return Optional.empty();
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String line = mark == null ? "" : ":" + (mark.getLine() + 1);
            return Optional.of(name + line + ": " + e.getProblem());
        } catch (YAMLException e) {
            return Optional.of(name + ": " + e.getMessage());
        }
    }
}
