package io.drrunbooks.web;

import io.drrunbooks.ToolVersion;
import io.drrunbooks.engine.RunbookEngine;
import io.drrunbooks.runbook.Runbook;
import io.drrunbooks.runbook.RunbookCatalog;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/info} names the engine (the one place a script can tell which runs underneath) and
 * the runbooks a run can be started from; the supporting processes (escalations, schedules) are not runbooks.
 */
@Component
class EngineInfo implements InfoContributor {

    private final RunbookEngine engine;
    private final RunbookCatalog catalog;

    EngineInfo(RunbookEngine engine, RunbookCatalog catalog) {
        this.engine = engine;
        this.catalog = catalog;
    }

    @Override
    public void contribute(Info.Builder builder) {
        builder.withDetail("engine", engine.name())
                .withDetail("version", ToolVersion.get())
                .withDetail("runbooks", catalog.all().stream().map(Runbook::id).toList());
    }
}
