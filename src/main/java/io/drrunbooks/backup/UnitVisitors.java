package io.drrunbooks.backup;

import java.util.List;

/**
 * Makes the visitor of one part of an archive read in parallel ({@link BackupSet#scanInParallel}), given the
 * manifest's records of the files that part holds, in archive order. Called in archive order, from one thread; the
 * visitors it makes run at the same time on other threads.
 */
public interface UnitVisitors {
    ArchiveVisitor forUnit(List<FileRecord> files);
}
