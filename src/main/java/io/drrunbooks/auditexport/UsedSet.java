package io.drrunbooks.auditexport;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * One backup set a run used, as {@code backup-sets.json} lists it: the hashes its own manifest
 * recorded for its archives, and the hash of that manifest file as it was when the bundle was made.
 *
 * @param present        false when the set was gone (pruned, moved) at export; {@code problem} says why
 * @param namedBy        the seq of every event that names the set
 * @param manifestSha256 sha256 of the set's {@code manifest.json}; null for a legacy set whose manifest was never written
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record UsedSet(String id, boolean present, List<Integer> namedBy, String manifestSha256, List<Archive> archives,
               String problem) {

    UsedSet {
        namedBy = namedBy == null ? List.of() : List.copyOf(namedBy);
        archives = archives == null ? List.of() : List.copyOf(archives);
    }

    record Archive(String dataSet, String file, String sha256) {
    }
}
