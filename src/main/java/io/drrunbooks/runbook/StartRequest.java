package io.drrunbooks.runbook;

import java.util.Map;

/**
 * What starts a run ({@code POST /api/runs}).
 *
 * @param extra any other field of the request, kept as a run variable
 */
public record StartRequest(String runbook, String reason, String startedBy, Map<String, Object> extra) {
}
