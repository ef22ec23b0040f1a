package io.drrunbooks.engine.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.UUID;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.ProcessEngineConfiguration;

/** An in-memory Operaton engine and the test models, adapted and deployed as the product would. */
final class TestEngine {

    private TestEngine() {
    }

    static ProcessEngine start() {
        return ProcessEngineConfiguration.createStandaloneInMemProcessEngineConfiguration()
                .setJdbcUrl("jdbc:h2:mem:dialect-" + UUID.randomUUID())
                .setDatabaseSchemaUpdate("true")
                .setJobExecutorActivate(false)
                .setHistory("full")
                .buildProcessEngine();
    }

    static byte[] resource(String name) {
        try (InputStream in = TestEngine.class.getResourceAsStream("/dialect/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource dialect/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adapts each .bpmn, adds each .form unchanged, and deploys them together as one deployment. */
    static void deploy(ProcessEngine engine, String... names) {
        var deployment = engine.getRepositoryService().createDeployment().name(names[0]);
        for (String name : names) {
            byte[] bytes = resource(name);
            if (name.endsWith(".bpmn")) {
                bytes = new DialectAdapter().adapt(name, bytes).operatonXml();
            }
            deployment.addInputStream(name, new java.io.ByteArrayInputStream(bytes));
        }
        deployment.deploy();
    }
}
