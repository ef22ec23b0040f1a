package io.drrunbooks.engine;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;

/**
 * The name under which this instance takes steps on, on both engines (the embedded engine's lock
 * owner, the Camunda job worker's name): this machine and this service's home, which one instance
 * keeps across restarts and no other instance has, so a restarted instance can reclaim its own
 * steps and an operator can tell which instance holds a job.
 */
public final class WorkerId {

    private WorkerId() {
    }

    public static String of(Path home) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        String where = home.toAbsolutePath().normalize().toString();
        return "dr-" + host + "-" + Integer.toHexString(where.hashCode());
    }
}
