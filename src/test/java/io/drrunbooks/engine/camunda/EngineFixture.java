package io.drrunbooks.engine.camunda;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.camunda.client.CamundaClient;
import io.camunda.client.impl.CamundaObjectMapper;
import io.drrunbooks.engine.Deployables;
import io.drrunbooks.engine.ModelResource;
import io.drrunbooks.engine.StepContext;
import io.drrunbooks.engine.StepHandler;
import io.drrunbooks.engine.StepInvoker;
import io.drrunbooks.engine.StepObserver;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the protocol tests share: the engine built as the service builds it, on the models and forms
 * that ship and a fresh database with the service's tables, with a test handler for every job type
 * in the models whose behaviour a test sets and whose last context it can read.
 */
final class EngineFixture implements AutoCloseable {

    private static final Pattern JOB_TYPE = Pattern.compile("zeebe:taskDefinition type=\"([^\"]+)\"");

    static final String WORKER_NAME = "dr-fixture-worker";
    static final Duration STEP_LOCK_DURATION = Duration.ofMinutes(15);
    static final int WORKERS = 2;

    final Deployables deployables = Deployables.fromClasspath();
    final Map<String, Function<StepContext, Map<String, Object>>> behaviour = new ConcurrentHashMap<>();
    final Map<String, StepContext> seen = new ConcurrentHashMap<>();
    final CamundaClient client;
    final CamundaEngine engine;

    EngineFixture(URI restAddress, URI grpcAddress, boolean preferRest) {
        ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(dataSource).table("dr_schema_history").load().migrate();
        ModelFacts models = ModelFacts.of(deployables);
        JobWorkers.Settings settings = new JobWorkers.Settings(WORKER_NAME, STEP_LOCK_DURATION, WORKERS);
        // as the starter builds it from camunda.client.*, with the job threads the service gives it
        client = CamundaClient.newClientBuilder().restAddress(restAddress).grpcAddress(grpcAddress)
                .preferRestOverGrpc(preferRest).withJsonMapper(new CamundaObjectMapper(json.copy()))
                .numJobWorkerExecutionThreads(settings.executionThreads(models.retriesByJobType().size())).build();
        List<StepHandler> handlers = jobTypesInModels().stream().map(type -> StepHandler.of(type, context -> {
            seen.put(type, context);
            return behaviour.getOrDefault(type, c -> Map.of()).apply(context);
        })).toList();
        engine = new CamundaEngine(client, dataSource, json, Clock.systemUTC(), deployables, models,
                new StepInvoker(handlers, StepObserver.NONE), settings);
    }

    /** The job types of the models, read from their XML independently of the adapter. */
    Set<String> jobTypesInModels() {
        Set<String> types = new TreeSet<>();
        for (ModelResource model : deployables.models()) {
            Matcher matcher = JOB_TYPE.matcher(new String(model.content(), StandardCharsets.UTF_8));
            while (matcher.find()) {
                types.add(matcher.group(1));
            }
        }
        return types;
    }

    /** The names of every model and form that ships. */
    Set<String> resourceNames() {
        Set<String> names = new TreeSet<>();
        deployables.models().forEach(m -> names.add(m.name()));
        deployables.forms().forEach(f -> names.add(f.name()));
        return names;
    }

    static void eventually(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("timed out waiting for " + what).isLessThan(deadline);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Override
    public void close() {
        engine.close();
        client.close();
    }
}
