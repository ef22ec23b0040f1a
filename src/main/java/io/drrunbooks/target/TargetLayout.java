package io.drrunbooks.target;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The protected system's layout: its root directory and the data sets under it. The default is
 * Platform God's (spec section 1): {@code registry state artifacts audit cache} under {@code var/},
 * and {@code .env} and {@code chains.yaml} as the data set {@code config}; daily sets leave
 * {@code cache} out.
 */
public final class TargetLayout {

    public static final List<String> PLATFORM_GOD_DATA_SETS = List.of("registry", "state", "artifacts", "audit", "cache");
    public static final List<String> PLATFORM_GOD_CONFIG_FILES = List.of(".env", "chains.yaml");
    public static final String CONFIG = "config";

    private final Path root;
    private final Map<String, DataSet> dataSets;
    private final List<String> order;

    public TargetLayout(Path root, Collection<DataSet> dataSets) {
        this.root = root.toAbsolutePath().normalize();
        Map<String, DataSet> byName = new LinkedHashMap<>();
        for (DataSet dataSet : dataSets) {
            if (byName.put(dataSet.name(), dataSet) != null) {
                throw new IllegalArgumentException("data set '" + dataSet.name() + "' is defined twice");
            }
        }
        this.dataSets = Map.copyOf(byName);
        this.order = List.copyOf(byName.keySet());
    }

    /** Platform God's layout under {@code root}. */
    public static TargetLayout platformGod(Path root) {
        return of(root, "var", PLATFORM_GOD_DATA_SETS, PLATFORM_GOD_CONFIG_FILES, Set.of("cache"));
    }

    /**
     * A layout of directory data sets under {@code dataDir} plus the config files as the data set
     * {@code config}; {@code weekly} names the data sets that daily backups leave out.
     */
    public static TargetLayout of(Path root, String dataDir, List<String> directoryDataSets,
                                  List<String> configFiles, Set<String> weekly) {
        List<DataSet> sets = new ArrayList<>();
        for (String name : directoryDataSets) {
            sets.add(DataSet.directory(name, dataDir.isEmpty() ? name : dataDir + "/" + name, !weekly.contains(name)));
        }
        if (!configFiles.isEmpty()) {
            sets.add(DataSet.files(CONFIG, configFiles, !weekly.contains(CONFIG)));
        }
        return new TargetLayout(root, sets);
    }

    public Path root() {
        return root;
    }

    /** The same layout on another root (a new server's, for a server-loss restore). */
    public TargetLayout withRoot(Path newRoot) {
        return new TargetLayout(newRoot, dataSets());
    }

    /** All data sets, in their configured order. */
    public List<DataSet> dataSets() {
        return order.stream().map(dataSets::get).toList();
    }

    /** The data sets a daily backup includes. */
    public List<DataSet> dailyDataSets() {
        return dataSets().stream().filter(DataSet::daily).toList();
    }

    public Optional<DataSet> dataSet(String name) {
        return Optional.ofNullable(dataSets.get(name));
    }

    /** The named data sets, or an error naming the unknown ones and the known ones. */
    public List<DataSet> dataSets(Collection<String> names) {
        List<String> unknown = names.stream().filter(n -> !dataSets.containsKey(n)).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown data set(s) " + unknown + "; known: " + String.join(", ", order));
        }
        return order.stream().filter(names::contains).map(dataSets::get).collect(Collectors.toList());
    }

    /** Where a path stored in an archive (relative to the root) lives on disk. */
    public Path resolve(String relativePath) {
        return root.resolve(relativePath);
    }
}
