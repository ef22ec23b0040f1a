package io.drrunbooks.web;

import io.drrunbooks.ToolVersion;
import io.drrunbooks.engine.RunbookEngine;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.stereotype.Component;

/** {@code /actuator/info} names the engine: the one place a script can tell which runs underneath. */
@Component
class EngineInfo implements InfoContributor {

    private final RunbookEngine engine;

    EngineInfo(RunbookEngine engine) {
        this.engine = engine;
    }

    @Override
    public void contribute(Info.Builder builder) {
        builder.withDetail("engine", engine.name())
                .withDetail("version", ToolVersion.get())
                .withDetail("runbooks", engine.deployedProcesses());
    }
}
