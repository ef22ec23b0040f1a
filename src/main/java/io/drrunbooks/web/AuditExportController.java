package io.drrunbooks.web;

import io.drrunbooks.auditexport.AuditExport;
import io.drrunbooks.auditexport.SigningKey;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/runs/{runId}/audit/export}: the run's signed audit bundle, for any signed-in user
 * (every user may read trails). A POST, because the export is audited in the run's trail: a GET must change nothing
 * (a prefetch or a crawler would write to the trail), and the bundle is not kept, so there is no GET of it. {@code GET /api/audit/signing-key}:
 * the public key to pin.
 */
@RestController
@RequestMapping("/api")
class AuditExportController {

    private static final MediaType ZIP = MediaType.parseMediaType("application/zip");
    private static final MediaType PEM = MediaType.parseMediaType("application/x-pem-file");

    private final AuditExport export;
    private final SigningKey key;

    AuditExportController(AuditExport export, SigningKey key) {
        this.export = export;
        this.key = key;
    }

    @PostMapping("/runs/{runId}/audit/export")
    ResponseEntity<byte[]> export(@PathVariable String runId, Authentication caller) {
        AuditExport.Bundle bundle = export.export(runId, caller.getName()).orElseThrow(() -> RunsController.unknownRun(runId));
        return ResponseEntity.ok().contentType(ZIP)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(bundle.fileName()).build().toString())
                .header("X-Audit-Head-Seq", String.valueOf(bundle.headSeq()))
                .header("X-Audit-Head-Hash", bundle.headHash())
                .body(bundle.zip());
    }

    @GetMapping("/audit/signing-key")
    ResponseEntity<String> signingKey() {
        return ResponseEntity.ok().contentType(PEM).body(key.publicPem());
    }
}
