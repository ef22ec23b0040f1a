package io.drrunbooks.engine.camunda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import javax.sql.DataSource;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The table {@code dr_run}: which Zeebe process instance carries which of our runs. */
final class RunRegistry {

    /** A run as started: enough to show it before the cluster's search API knows it. */
    record StartedRun(String runId, String processId, long processInstanceKey, Instant startedAt,
                      Map<String, Object> startVariables) {
    }

    private static final TypeReference<Map<String, Object>> VARIABLES = new TypeReference<>() { };

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final RowMapper<StartedRun> rows;

    RunRegistry(DataSource dataSource, ObjectMapper json) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.json = json;
        this.rows = (rs, i) -> new StartedRun(rs.getString("run_id"), rs.getString("process_id"),
                rs.getLong("process_instance_key"), Instant.parse(rs.getString("started_at")),
                read(rs.getString("start_variables")));
    }

    void record(StartedRun run) {
        jdbc.update("INSERT INTO dr_run (run_id, process_id, process_instance_key, started_at, start_variables)"
                        + " VALUES (?, ?, ?, ?, ?)", run.runId(), run.processId(), run.processInstanceKey(),
                run.startedAt().toString(), write(run.startVariables()));
    }

    Optional<StartedRun> find(String runId) {
        return jdbc.query("SELECT * FROM dr_run WHERE run_id = ?", rows, runId).stream().findFirst();
    }

    /** The run a process instance carries, if it is one this service started. */
    Optional<String> runIdOf(long processInstanceKey) {
        return jdbc.queryForList("SELECT run_id FROM dr_run WHERE process_instance_key = ?", String.class,
                processInstanceKey).stream().findFirst();
    }

    /** The newest {@code limit} runs of these processes (of all when null), newest first. */
    List<StartedRun> newest(Collection<String> processIds, int limit) {
        if (processIds != null && processIds.isEmpty()) {
            return List.of();
        }
        List<Object> arguments = new ArrayList<>(processIds == null ? List.of() : processIds);
        String where = processIds == null ? ""
                : " WHERE process_id IN (" + String.join(", ", Collections.nCopies(processIds.size(), "?")) + ")";
        arguments.add(limit);
        return jdbc.query("SELECT * FROM dr_run" + where + " ORDER BY started_at DESC, run_id LIMIT ?", rows, arguments.toArray());
    }

    private String write(Map<String, Object> variables) {
        try {
            return json.writeValueAsString(variables);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, Object> read(String text) {
        try {
            return json.readValue(text, VARIABLES);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
