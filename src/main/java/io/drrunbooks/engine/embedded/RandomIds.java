package io.drrunbooks.engine.embedded;

import org.operaton.bpm.engine.impl.cfg.IdGenerator;

import java.util.UUID;

/**
 * The engine's row ids as random UUIDs. Operaton's default takes blocks of ids from a table in a
 * transaction of their own, so a command holding a pooled connection asks for a second one; with as
 * many busy commands as the pool has connections (50 drills started at once did it), every one of
 * them waits for a connection only another can free, until the pool times out.
 */
final class RandomIds implements IdGenerator {

    @Override
    public String getNextId() {
        return UUID.randomUUID().toString();
    }
}
